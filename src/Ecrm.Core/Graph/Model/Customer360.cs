namespace Ecrm;

/// <summary>
/// The one-to-one view of a customer: who this is (profile, identities, traits), what they did (counters, the newest
/// events), who they relate to, and how the graph formed them (merges, conflicts).
/// </summary>
public sealed record Customer360
{
    /// <summary>Gets the profile.</summary>
    public required CustomerProfile Profile { get; init; }

    /// <summary>Gets the newest events (see <see cref="EcrmOptions.Customer360TimelineLength"/>).</summary>
    public required TimelinePage Timeline { get; init; }

    /// <summary>Gets the related customers (reposts, mentions, replies, referrals), strongest first.</summary>
    public required IReadOnlyList<CustomerRelation> Related { get; init; }

    /// <summary>Gets the merges that formed this customer.</summary>
    public required IReadOnlyList<MergeRecord> Merges { get; init; }

    /// <summary>Gets the identity conflicts this customer is part of.</summary>
    public required IReadOnlyList<IdentityConflict> Conflicts { get; init; }

    /// <summary>
    /// Gets the points, tier, scores and segments (with why), when the insights engine is added
    /// (<c>AddInsights</c>); null otherwise.
    /// </summary>
    public Insights.CustomerInsight? Insight { get; init; }

    /// <summary>
    /// Gets what to recommend next, best first, each with its reason, when recommendations are added
    /// (<c>AddRecommendations</c>); null otherwise.
    /// </summary>
    public IReadOnlyList<Recommendations.Recommendation>? Recommendations { get; init; }
}
