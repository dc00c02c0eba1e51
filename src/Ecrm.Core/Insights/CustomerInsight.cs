using Ecrm.Loyalty;
using Ecrm.Scoring;
using Ecrm.Segments;

namespace Ecrm.Insights;

/// <summary>What the insights engine knows about a customer now: points, tier, scores and segments with the reasons.</summary>
public sealed class CustomerInsight
{
    /// <summary>Gets the customer.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Gets when this was computed.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Gets the points balance.</summary>
    public long Points => Loyalty.Balance;

    /// <summary>Gets the tier now (null without a ladder or below its first rung).</summary>
    public string? Tier => Loyalty.Tier.Current;

    /// <summary>Gets the points ledger and tier history.</summary>
    public required LoyaltyAccount Loyalty { get; init; }

    /// <summary>Gets the engagement score now.</summary>
    public required double Engagement { get; init; }

    /// <summary>Gets the RFM score at the last refresh's cut points (null before the first refresh, or without purchases).</summary>
    public RfmScore? Rfm { get; init; }

    /// <summary>Gets the influence score at the last refresh (null before it).</summary>
    public double? Influence { get; init; }

    /// <summary>Gets the lifetime-value prediction from the models fitted at the last refresh (null before it, or when the
    /// store's purchases could not support a fit).</summary>
    public LifetimeEstimate? Lifetime { get; init; }

    /// <summary>Gets when the population models behind <see cref="Rfm"/>, <see cref="Influence"/> and <see cref="Lifetime"/>
    /// were fitted (null before the first fit). Models due for a refit keep answering while it runs in the background,
    /// and a process that reads one customer at a time uses the models the store keeps, which the last process to load
    /// the population fitted: this says how old they are.</summary>
    public DateTimeOffset? ModelsFittedAt { get; init; }

    /// <summary>Gets the segments the customer is in, each with why.</summary>
    public required IReadOnlyList<SegmentExplanation> Segments { get; init; }
}
