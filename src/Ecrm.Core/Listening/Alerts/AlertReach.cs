namespace Ecrm.Listening;

/// <summary>How far an author's words travel, the inputs of an alert's severity.</summary>
/// <param name="Followers">The most followers seen on the alert's events.</param>
/// <param name="Influence">The author's influence score (0 to 100, as in the customer 360) from insights, 0 without.</param>
/// <param name="Tier">The author's loyalty tier, if any.</param>
/// <param name="TierRank">The tier's rank on the ladder, from 0 (none) to 1 (top tier).</param>
/// <param name="Value">The larger of the author's net spend and predicted lifetime value.</param>
/// <param name="Score">The blended reach, from 0 to 1.</param>
public sealed record AlertReach(long Followers, double Influence, string? Tier, double TierRank, decimal Value, double Score);
