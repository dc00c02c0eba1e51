namespace Ecrm.Listening;

/// <summary>
/// How an alert's severity is built: severity = 100 x negativity x (<see cref="BaseShare"/> + (1 - BaseShare) x reach),
/// where negativity = -score (0 to 1) and reach (0 to 1) blends the author's followers, influence, tier and value with the
/// weights below; repeats add <see cref="RepeatBonus"/> each (at most five). Levels follow the thresholds.
/// </summary>
public sealed class AlertSeverityOptions
{
    /// <summary>Gets or sets the share of severity that negativity alone earns (an unknown author still matters). Default 0.3.</summary>
    public double BaseShare { get; set; } = 0.3;

    /// <summary>Gets or sets the weight of followers in reach. Default 0.4.</summary>
    public double FollowersWeight { get; set; } = 0.4;

    /// <summary>Gets or sets the follower count that counts as full reach (log scale: 1,000 followers is half of 1,000,000). Default 1,000,000.</summary>
    public long FollowersForFullReach { get; set; } = 1_000_000;

    /// <summary>Gets or sets the weight of the influence score (0 to 100 from insights, counted as a share of 100) in reach. Default 0.25.</summary>
    public double InfluenceWeight { get; set; } = 0.25;

    /// <summary>Gets or sets the weight of the loyalty tier (its rank on the tier ladder, top tier 1) in reach. Default 0.15.</summary>
    public double TierWeight { get; set; } = 0.15;

    /// <summary>Gets or sets the weight of the customer's value (the larger of net spend and predicted lifetime value) in reach. Default 0.2.</summary>
    public double ValueWeight { get; set; } = 0.2;

    /// <summary>Gets or sets the value that counts as full (log scale). Default 10,000.</summary>
    public decimal ValueForFull { get; set; } = 10_000;

    /// <summary>Gets or sets the severity points each repeat of a grouped alert adds (at most five repeats count). Default 4.</summary>
    public double RepeatBonus { get; set; } = 4;

    /// <summary>Gets or sets the lowest severity of a <see cref="AlertLevel.Medium"/> alert. Default 15.</summary>
    public double Medium { get; set; } = 15;

    /// <summary>Gets or sets the lowest severity of a <see cref="AlertLevel.High"/> alert. Default 35.</summary>
    public double High { get; set; } = 35;

    /// <summary>Gets or sets the lowest severity of a <see cref="AlertLevel.Critical"/> alert. Default 60.</summary>
    public double Critical { get; set; } = 60;

    internal void Validate()
    {
        static void Share(string name, double value)
        {
            if (!(value is >= 0 and <= 1))
            {
                throw new EcrmException($"ListeningOptions.Severity.{name}: expected a value from 0 to 1, received {value}.");
            }
        }

        Share(nameof(BaseShare), BaseShare);
        Share(nameof(FollowersWeight), FollowersWeight);
        Share(nameof(InfluenceWeight), InfluenceWeight);
        Share(nameof(TierWeight), TierWeight);
        Share(nameof(ValueWeight), ValueWeight);
        var total = FollowersWeight + InfluenceWeight + TierWeight + ValueWeight;
        if (Math.Abs(total - 1) > 1e-6)
        {
            throw new EcrmException($"ListeningOptions.Severity: expected the reach weights (followers, influence, tier, value) to add up to 1, received {total}.");
        }

        if (FollowersForFullReach < 10 || ValueForFull < 10)
        {
            throw new EcrmException($"ListeningOptions.Severity: expected FollowersForFullReach and ValueForFull of 10 or more, received {FollowersForFullReach} and {ValueForFull}.");
        }

        if (!(RepeatBonus is >= 0 and <= 20))
        {
            throw new EcrmException($"ListeningOptions.Severity.RepeatBonus: expected 0 to 20, received {RepeatBonus}.");
        }

        if (!(Medium > 0 && Medium < High && High < Critical && Critical <= 100))
        {
            throw new EcrmException($"ListeningOptions.Severity: expected 0 < Medium < High < Critical <= 100, received {Medium}, {High}, {Critical}.");
        }
    }
}
