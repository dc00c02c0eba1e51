namespace Ecrm.Resolution;

/// <summary>A pair of customers that may be the same person, waiting for a human decision.</summary>
/// <param name="Id">The review's id.</param>
/// <param name="Decision">The resolver's decision with its evidence (customer ids in LeftId / RightId).</param>
public sealed record ReviewItem(string Id, MatchDecision Decision);
