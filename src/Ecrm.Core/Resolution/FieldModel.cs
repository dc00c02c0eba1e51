namespace Ecrm.Resolution;

/// <summary>The fitted probabilities of one field.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Levels">The agreement levels, "different" first, "exact" last.</param>
/// <param name="M">P(level | match) per level.</param>
/// <param name="U">P(level | non-match) per level.</param>
public sealed record FieldModel(string Field, FieldKind Kind, IReadOnlyList<string> Levels, IReadOnlyList<double> M, IReadOnlyList<double> U)
{
    /// <summary>The weight of each level: log2(m / u).</summary>
    public IReadOnlyList<double> Weights => [.. M.Zip(U, (m, u) => Math.Log2(m / u))];
}
