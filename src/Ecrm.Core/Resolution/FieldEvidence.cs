namespace Ecrm.Resolution;

/// <summary>How one comparison of a pair came out, and how much that weighed.</summary>
/// <param name="Field">The comparison: a field's name, or "address" for the address fields together.</param>
/// <param name="Level">"exact", "close", "similar", "different" (for an address also "street", "area", "region"), or "missing" (no weight either way).</param>
/// <param name="Weight">The bits this comparison adds to the match weight: log2(m / u), with the term-frequency adjustment included.</param>
/// <param name="Left">The first record's normalised value.</param>
/// <param name="Right">The second record's normalised value.</param>
public sealed record FieldEvidence(string Field, string Level, double Weight, string? Left, string? Right)
{
    /// <summary>Gets the part of <see cref="Weight"/> (never positive) that comes from how common the agreeing value is.</summary>
    public double TermFrequencyWeight { get; init; }

    /// <summary>
    /// Gets whether the names were read crosswise: this record's given name against the other's family name, or the
    /// other way round (records swap them); <see cref="Right"/> is then the value it was compared with.
    /// </summary>
    public bool ReadCrosswise { get; init; }
}
