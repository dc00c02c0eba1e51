namespace Ecrm.Resolution;

/// <summary>What a field of a person record holds: decides how it is normalised, compared and blocked on.</summary>
public enum FieldKind
{
    /// <summary>A given (first) name.</summary>
    GivenName,

    /// <summary>A family name (surname).</summary>
    FamilyName,

    /// <summary>A whole name in one field (e.g. Chinese names, or "given family").</summary>
    FullName,

    /// <summary>A street address line, or a Chinese address.</summary>
    Address,

    /// <summary>A street (house) number.</summary>
    StreetNumber,

    /// <summary>A city, suburb or district.</summary>
    City,

    /// <summary>A postcode.</summary>
    Postcode,

    /// <summary>A state, province or region.</summary>
    Region,

    /// <summary>A birth date (YYYYMMDD, YYYY-MM-DD or similar).</summary>
    BirthDate,

    /// <summary>A phone number (normalised to E.164).</summary>
    Phone,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A national id or social security number.</summary>
    NationalId,
}
