namespace Ecrm.Resolution;

/// <summary>A decision on a pair of records, with the per-field evidence behind it.</summary>
/// <param name="LeftId">The first record.</param>
/// <param name="RightId">The second record.</param>
/// <param name="Probability">The posterior probability that they are the same person.</param>
/// <param name="Weight">The total match weight (sum of the fields' log2 likelihood ratios).</param>
/// <param name="Outcome">Match, review or non-match.</param>
/// <param name="Evidence">Each field's comparison.</param>
public sealed record MatchDecision(string LeftId, string RightId, double Probability, double Weight, MatchOutcome Outcome, IReadOnlyList<FieldEvidence> Evidence);
