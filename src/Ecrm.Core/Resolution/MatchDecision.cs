namespace Ecrm.Resolution;

/// <summary>A decision on a pair of records, with the per-comparison evidence behind it.</summary>
/// <param name="LeftId">The first record.</param>
/// <param name="RightId">The second record.</param>
/// <param name="Probability">The posterior probability that they are the same person.</param>
/// <param name="Weight">The evidence in bits: the sum of the comparisons' weights (see <see cref="Evidence"/>).</param>
/// <param name="Outcome">Match, review or non-match.</param>
/// <param name="Evidence">Each comparison's level, weight and values, in the order of the comparisons.</param>
public sealed record MatchDecision(string LeftId, string RightId, double Probability, double Weight, MatchOutcome Outcome, IReadOnlyList<FieldEvidence> Evidence)
{
    /// <summary>
    /// Gets the prior in bits: log2 of the odds that two random records are the same person. The probability is
    /// 1 / (1 + 2^-(PriorWeight + Weight)).
    /// </summary>
    public double PriorWeight { get; init; }

    /// <summary>
    /// Gets why a pair above the match probability was not merged, or null: its personal evidence (names, birth date,
    /// id) was not in favour, the two records (or two records across their clusters) strongly disagree, or a person
    /// decided that two of them are different people.
    /// </summary>
    public string? KeptApartBecause { get; init; }
}
