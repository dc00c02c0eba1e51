using Ecrm.Loyalty;
using Ecrm.Scoring;
using Ecrm.Segments;

namespace Ecrm.Insights;

/// <summary>Segments, loyalty, engagement and influence: what the insights engine maintains in real time.</summary>
public sealed class InsightsOptions
{
    /// <summary>Gets the segments defined at start (more can be defined at run time).</summary>
    public IList<SegmentDefinition> Segments { get; } = [];

    /// <summary>Gets the loyalty programme: reward rules, expiry and the tier ladder.</summary>
    public LoyaltyOptions Loyalty { get; } = new();

    /// <summary>Gets the engagement score's half-life and weights.</summary>
    public EngagementOptions Engagement { get; } = new();

    /// <summary>Gets the influence computation's settings.</summary>
    public InfluenceOptions Influence { get; } = new();

    /// <summary>Gets or sets the currency whose spend counts for the <c>spend</c> field and RFM.</summary>
    /// <value>Defaults to CNY.</value>
    public string Currency { get; set; } = "CNY";

    /// <summary>
    /// Gets or sets how often time alone is re-checked: memberships that depend on time windows, engagement or
    /// recency, and points or tiers that expire. Exits happen within this interval of the moment they become due.
    /// </summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan ReevaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how often the models that need the whole population (RFM cut points, influence, lifetime value)
    /// are refitted at the latest; they are also refitted when the population has grown by more than 10% since (at most
    /// once per <see cref="ReevaluationInterval"/>). Refits run in the background while the models in use keep
    /// answering, no sooner after the last one than four times its duration.
    /// </summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan PopulationRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Checks every setting, naming the first bad one.</summary>
    /// <exception cref="EcrmException">A bad setting.</exception>
    public void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Segments)
        {
            s.Validate();
            if (!names.Add(s.Name))
            {
                throw new EcrmException($"InsightsOptions.Segments: expected unique segment names, received '{s.Name}' twice.");
            }
        }

        Loyalty.Validate();
        Engagement.Validate();
        Influence.Validate();
        if (Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new EcrmException($"InsightsOptions.Currency: expected an ISO 4217 code such as CNY, received '{Currency}'.");
        }

        if (PopulationRefreshInterval < ReevaluationInterval)
        {
            throw new EcrmException($"InsightsOptions.PopulationRefreshInterval: expected at least the ReevaluationInterval ({ReevaluationInterval}), received {PopulationRefreshInterval}.");
        }

        if (ReevaluationInterval < TimeSpan.FromSeconds(1))
        {
            throw new EcrmException($"InsightsOptions.ReevaluationInterval: expected at least 1 second, received {ReevaluationInterval}.");
        }
    }
}
