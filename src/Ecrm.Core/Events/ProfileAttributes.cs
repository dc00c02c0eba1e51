namespace Ecrm;

/// <summary>
/// Profile attributes a channel saw about a person. Each becomes a trait of the customer; when events disagree, the
/// value of the latest event wins (ties broken by the larger event id, ordinal).
/// </summary>
public sealed record ProfileAttributes
{
    /// <summary>Gets the name as written (Chinese or Latin script).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the gender.</summary>
    public Gender? Gender { get; init; }

    /// <summary>Gets the birth date.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Gets the city, for example <c>上海</c> or <c>Shanghai</c>.</summary>
    public string? City { get; init; }

    /// <summary>Gets the province, state or region.</summary>
    public string? Region { get; init; }

    /// <summary>Gets the country (ISO 3166 code or name).</summary>
    public string? Country { get; init; }

    /// <summary>Gets the preferred language (BCP 47, for example <c>zh-CN</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Gets other attributes by name (lowercase names with hyphens, for example <c>shoe-size</c>).</summary>
    public IReadOnlyDictionary<string, string>? Custom { get; init; }
}
