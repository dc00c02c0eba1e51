using Ecrm.Segments;

namespace Ecrm.Insights;

/// <summary>
/// Segments, points, tiers and scores, kept up to date as events arrive: segment sizes are always current, and
/// entries and exits are published to <see cref="ISegmentMembershipObserver"/>s.
/// </summary>
public interface ICustomerInsights
{
    /// <summary>A customer's points, tier, scores and segments with explanations.</summary>
    /// <param name="customerId">The customer (an old id resolves to the survivor).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The insight, or null for an unknown customer.</returns>
    ValueTask<CustomerInsight?> GetAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>The defined segments with their live sizes.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The segments, by name.</returns>
    ValueTask<IReadOnlyList<SegmentInfo>> GetSegmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Defines a segment, or replaces it with a new version; membership is evaluated over every customer at once.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The segment with its size.</returns>
    /// <exception cref="EcrmException">A bad definition, or a version not above the current one.</exception>
    ValueTask<SegmentInfo> DefineSegmentAsync(SegmentDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Removes a segment (members are not notified of exits).</summary>
    /// <param name="name">The segment.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether it existed.</returns>
    ValueTask<bool> RemoveSegmentAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The members of a segment.</summary>
    /// <param name="name">The segment.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Customer ids, sorted.</returns>
    /// <exception cref="EcrmException">No such segment.</exception>
    ValueTask<IReadOnlyList<string>> GetMembersAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Why a customer is or is not in a segment.</summary>
    /// <param name="name">The segment.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The explanation, or null for an unknown customer.</returns>
    ValueTask<SegmentExplanation?> ExplainAsync(string name, string customerId, CancellationToken cancellationToken = default);

    /// <summary>Counts the customers an ad-hoc rule selects now, without defining a segment.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The count.</returns>
    ValueTask<int> CountAsync(SegmentExpression rule, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes what needs the whole population: RFM cut points, influence (PageRank), and every customer's facts
    /// from the store; then re-evaluates every segment and publishes the differences. The caller waits (a refit the
    /// engine started in the background on its own is cancelled: this one is newer). Ends a bulk load well.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>The most influential customers at the last refresh.</summary>
    /// <param name="k">How many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Customer ids with their 0-100 scores, highest first.</returns>
    ValueTask<IReadOnlyList<(string CustomerId, double Score)>> GetTopInfluencersAsync(int k, CancellationToken cancellationToken = default);

    /// <summary>How many customers are in each tier now ("" for customers without a tier).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Counts by tier.</returns>
    ValueTask<IReadOnlyDictionary<string, int>> GetTierDistributionAsync(CancellationToken cancellationToken = default);
}
