using Ecrm.Loyalty;
using Ecrm.Scoring;
using Ecrm.Segments;
using Microsoft.Extensions.Logging;

namespace Ecrm.Insights;

/// <summary>
/// What the insights engine derives from one customer's profile and events under the population models: the facts
/// segment rules see, the ledger, engagement, RFM input and lifetime value; and the lifetime fit over many customers.
/// Stateless: the population's table and a read of one customer use the same code, so they answer the same.
/// </summary>
internal sealed class CustomerFactsBuilder(InsightsOptions options)
{
    private static readonly Dictionary<string, string> ShortTraits = new(StringComparer.Ordinal)
    {
        ["name"] = "name", ["gender"] = "gender", ["city"] = "city", ["region"] = "region",
        ["country"] = "country", ["language"] = "language", ["birth-date"] = "birth-date",
    };

    /// <summary>A customer's facts, and the next moment they change with time alone.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="events">The events, oldest first.</param>
    /// <param name="now">Now.</param>
    /// <param name="models">The population models (null before the first fit).</param>
    /// <param name="influence">The customer's influence score (null when none were computed).</param>
    public (CustomerFacts Facts, DateTimeOffset? NextChange) FactsOf(CustomerProfile profile, IReadOnlyList<CustomerEvent> events, DateTimeOffset now, PopulationModels? models, double? influence)
    {
        var account = LoyaltyLedger.Compute(events, options.Loyalty, now);
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, trait) in profile.Traits)
        {
            text[SegmentSchema.TraitPrefix + name] = trait.Value;
            if (ShortTraits.TryGetValue(name, out var shortName))
            {
                text[shortName] = trait.Value;
            }
        }

        if (account.Tier.Current is { } tier)
        {
            text["tier"] = tier;
        }

        var rfmInput = RfmInputOf(profile);
        if (models?.Rfm.Score(rfmInput) is { } rfm)
        {
            text["rfm"] = rfm.GroupName;
        }

        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["points"] = account.Balance,
            ["orders"] = profile.Counters.Orders,
            ["spend"] = (double)rfmInput.Spend,
        };
        if (influence is { } score)
        {
            numbers["influence"] = score;
        }

        if (LifetimeOf(models, profile.Id, events, now) is { } lifetime)
        {
            numbers["clv"] = lifetime.Value;
            numbers["p-alive"] = lifetime.ProbabilityAlive;
        }

        var engagement = Engagement(events);
        var facts = new CustomerFacts
        {
            CustomerId = profile.Id,
            Text = text,
            Numbers = numbers,
            Engagement = engagement.Value,
            EngagementAsOf = engagement.AsOf.UtcTicks,
            LastPurchase = profile.Counters.LastPurchaseAt?.UtcTicks,
            Events = events,
        };
        return (facts, NextChange(account, events, now));
    }

    /// <summary>Fits BG/NBD and Gamma-Gamma on every customer's purchases up to today; null when the data cannot support it.</summary>
    public (BgNbdModel, GammaGammaModel)? FitLifetime(Dictionary<string, List<CustomerEvent>> histories, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var summaries = PurchaseSummaries.Summarize(histories.SelectMany(h => PurchasesOf(h.Key, h.Value)), DateOnly.FromDateTime(now.UtcDateTime));
        if (summaries.Count < 10 || summaries.Values.Count(s => s.Frequency > 0) < 3)
        {
            return null;
        }

        try
        {
            return (BgNbdModel.Fit(summaries.Values, cancellationToken), GammaGammaModel.Fit(summaries.Values, cancellationToken));
        }
        catch (ModelFitException ex)
        {
            InsightsLog.LifetimeFitFailed(logger, ex.Message);
            return null;
        }
    }

    /// <summary>A customer's lifetime value under the fitted models (null without them, or without purchases).</summary>
    public LifetimeEstimate? LifetimeOf(PopulationModels? models, string customerId, IReadOnlyList<CustomerEvent> events, DateTimeOffset now)
    {
        if (models?.Lifetime is not { } lifetime)
        {
            return null;
        }

        var end = DateOnly.FromDateTime(now.UtcDateTime);
        if (!PurchaseSummaries.TrySummarizeInDateOrder(PurchasesOf(customerId, events), end, out var history))
        {
            history = PurchaseSummaries.Summarize(PurchasesOf(customerId, events), end).TryGetValue(customerId, out var h) ? h : null;
        }

        return history is { } summary ? LifetimeEstimate.Predict(lifetime.Purchases, lifetime.Spend, summary) : null;
    }

    /// <summary>The engagement score of a history (weights by event type, decaying with the half-life).</summary>
    public EngagementScore Engagement(IReadOnlyList<CustomerEvent> events)
    {
        var score = default(EngagementScore);
        foreach (var e in events)
        {
            score = score.Add(options.Engagement.WeightOf(e.Type), e.OccurredAt, options.Engagement.HalfLife);
        }

        return score;
    }

    /// <summary>A profile's RFM input in the engine's currency.</summary>
    public RfmInput RfmInputOf(CustomerProfile profile) => RfmInput.From(profile, options.Currency);

    /// <summary>The next moment the facts change with time alone: points expiring, or spend leaving the tier window.</summary>
    private DateTimeOffset? NextChange(LoyaltyAccount account, IReadOnlyList<CustomerEvent> events, DateTimeOffset now)
    {
        var next = account.NextExpiry?.At;
        if (options.Loyalty.Tiers is { Levels.Count: > 0, Basis: TierBasis.RollingSpend } ladder)
        {
            foreach (var e in events)
            {
                var leaves = e.OccurredAt + ladder.Window;
                if ((e.Type == EventType.Purchase || e.Type == EventType.Refund) && leaves > now && (next is null || leaves < next))
                {
                    next = leaves;
                }
            }
        }

        return next;
    }

    private IEnumerable<Purchase> PurchasesOf(string customerId, IReadOnlyList<CustomerEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Type == EventType.Purchase && e.Properties is { Amount: { } amount } p && string.Equals(p.Currency ?? options.Currency, options.Currency, StringComparison.Ordinal))
            {
                yield return new Purchase(customerId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), amount);
            }
        }
    }
}
