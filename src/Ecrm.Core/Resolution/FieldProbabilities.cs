namespace Ecrm.Resolution;

/// <summary>Fellegi-Sunter probabilities of one field: per agreement level (different ... exact), among matches (m) and non-matches (u).</summary>
/// <param name="M">P(level | match), or null to estimate by expectation-maximisation.</param>
/// <param name="U">P(level | non-match), or null to estimate from random pairs.</param>
public sealed record FieldProbabilities(IReadOnlyList<double>? M, IReadOnlyList<double>? U)
{
    internal void Validate(string path, int levels)
    {
        foreach (var (name, values) in new[] { ("M", M), ("U", U) })
        {
            if (values is null)
            {
                continue;
            }

            if (values.Count != levels || values.Any(v => !(v > 0 && v <= 1)) || Math.Abs(values.Sum() - 1) > 1e-6)
            {
                throw new EcrmException($"{path}.{name}: expected {levels} probabilities in (0, 1] summing to 1, received [{string.Join(", ", values)}].");
            }
        }
    }
}
