namespace Ecrm.Segments;

/// <summary>A named, versioned segment: the rule marketers write, with a description.</summary>
/// <param name="Name">The segment's name (lowercase letters, digits and inner hyphens), e.g. "vip-phone-buyers".</param>
/// <param name="Version">The version of the rule; a new version replaces the old one and re-evaluates membership.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Description">What the segment is for.</param>
public sealed record SegmentDefinition(string Name, int Version, SegmentExpression Rule, string? Description = null)
{
    /// <summary>Creates a definition from the text form of the rule.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="rule">The rule as text.</param>
    /// <param name="description">What the segment is for.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="SegmentSyntaxException">The rule does not parse or type-check.</exception>
    public static SegmentDefinition Parse(string name, int version, string rule, string? description = null)
        => new(name, version, SegmentText.Parse(rule), description);

    /// <summary>Checks the name, version and rule, naming what is wrong.</summary>
    /// <exception cref="EcrmException">A bad name or version, or a rule that does not type-check.</exception>
    public void Validate()
    {
        try
        {
            _ = EventChannel.FromName(Name ?? string.Empty); // the same token rules as channels and event types
        }
        catch (TokenFormatException)
        {
            throw new EcrmException($"SegmentDefinition.Name: expected lowercase letters, digits and inner hyphens, received '{Name}'.");
        }

        if (Version < 1)
        {
            throw new EcrmException($"SegmentDefinition.Version ({Name}): expected 1 or more, received {Version}.");
        }

        ArgumentNullException.ThrowIfNull(Rule);
        SegmentValidator.Validate(Rule);
    }
}
