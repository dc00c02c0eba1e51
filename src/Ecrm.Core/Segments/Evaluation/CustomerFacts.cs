namespace Ecrm.Segments;

/// <summary>What segment rules can see about one customer, gathered by the insights engine from the customer's
/// profile, events, ledger and scores.</summary>
internal sealed class CustomerFacts
{
    public required string CustomerId { get; init; }

    /// <summary>Text fields: tier, rfm, the profile traits by their short names, and every trait as trait.NAME.</summary>
    public required Dictionary<string, string> Text { get; init; }

    /// <summary>Number fields: points, orders, spend, influence, sentiment, ...</summary>
    public required Dictionary<string, double> Numbers { get; init; }

    /// <summary>The engagement score (decays with time).</summary>
    public double Engagement { get; init; }

    /// <summary>When <see cref="Engagement"/> was measured (UTC ticks).</summary>
    public long EngagementAsOf { get; init; }

    /// <summary>The last purchase (UTC ticks), or null.</summary>
    public long? LastPurchase { get; init; }

    /// <summary>The customer's events (for aggregates).</summary>
    public required IReadOnlyList<CustomerEvent> Events { get; init; }
}
