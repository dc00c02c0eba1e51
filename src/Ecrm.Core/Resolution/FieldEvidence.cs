namespace Ecrm.Resolution;

/// <summary>How one field of a pair compared, and how much that weighed.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Level">"exact", "close", "similar", "different", or "missing" (no weight either way).</param>
/// <param name="Weight">The log2 likelihood ratio log2(m / u) this level adds to the match weight.</param>
/// <param name="Left">The first record's normalised value.</param>
/// <param name="Right">The second record's normalised value.</param>
public sealed record FieldEvidence(string Field, string Level, double Weight, string? Left, string? Right);
