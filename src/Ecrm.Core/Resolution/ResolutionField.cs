namespace Ecrm.Resolution;

/// <summary>One field of the records to resolve: its name (column) and kind.</summary>
/// <param name="Name">The field's name, e.g. "surname".</param>
/// <param name="Kind">What it holds.</param>
public sealed record ResolutionField(string Name, FieldKind Kind)
{
    /// <summary>The stable lowercase name of a kind, as the sample host's <c>resolve --fields COL:KIND</c> writes it.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>For example "birth-date".</returns>
    public static string NameOf(FieldKind kind) => kind switch
    {
        FieldKind.GivenName => "given-name",
        FieldKind.FamilyName => "family-name",
        FieldKind.FullName => "full-name",
        FieldKind.Address => "address",
        FieldKind.StreetNumber => "street-number",
        FieldKind.City => "city",
        FieldKind.Postcode => "postcode",
        FieldKind.Region => "region",
        FieldKind.BirthDate => "birth-date",
        FieldKind.Phone => "phone",
        FieldKind.Email => "email",
        FieldKind.NationalId => "national-id",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a kind's lowercase name.</summary>
    /// <param name="name">For example "birth-date".</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the name is a kind.</returns>
    public static bool TryParseKind(string name, out FieldKind kind)
    {
        foreach (var k in Enum.GetValues<FieldKind>())
        {
            if (string.Equals(NameOf(k), name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
