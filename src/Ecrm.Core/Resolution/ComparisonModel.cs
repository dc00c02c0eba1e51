namespace Ecrm.Resolution;

/// <summary>The fitted probabilities of one comparison of the model.</summary>
/// <param name="Name">The comparison: a field's name, or "address" for the address fields together.</param>
/// <param name="Fields">The fields it reads.</param>
/// <param name="Levels">The agreement levels, "different" first, the strongest last.</param>
/// <param name="M">P(level | match) per level.</param>
/// <param name="U">P(level | non-match) per level.</param>
/// <param name="Fitted">Whether m was estimated from the data (false: the documented defaults, or configured).</param>
public sealed record ComparisonModel(string Name, IReadOnlyList<string> Fields, IReadOnlyList<string> Levels, IReadOnlyList<double> M, IReadOnlyList<double> U, bool Fitted)
{
    /// <summary>Gets the weight of each level: log2(m / u), before any term-frequency adjustment.</summary>
    public IReadOnlyList<double> Weights => [.. M.Zip(U, (m, u) => Math.Log2(m / u))];
}
