namespace Ecrm.Loyalty;

/// <summary>What a tier ladder measures.</summary>
public enum TierBasis
{
    /// <summary>Net spend (purchases minus refunds) in the ladder's currency over a rolling window.</summary>
    RollingSpend,

    /// <summary>The points balance.</summary>
    Points,
}
