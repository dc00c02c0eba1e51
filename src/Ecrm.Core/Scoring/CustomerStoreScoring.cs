using System.Globalization;
using Ecrm.Storage;

namespace Ecrm.Scoring;

/// <summary>Scores computed over every customer of a <see cref="CustomerStore"/>: RFM and influence.</summary>
public static class CustomerStoreScoring
{
    /// <summary>
    /// RFM scores of every customer with purchases in one currency, at a reference date: recency from the last
    /// purchase, frequency from the order count, monetary from net spend in <paramref name="currency"/>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="referenceDate">The date recency is measured from.</param>
    /// <param name="currency">The ISO 4217 currency whose net spend counts (e.g. "CNY").</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The scores.</returns>
    public static async Task<IReadOnlyList<RfmScore>> ScoreRfmAsync(this CustomerStore store, DateTimeOffset referenceDate, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(currency);
        var inputs = new List<RfmInput>();
        await foreach (var p in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (RfmInput.From(p, currency) is { Orders: > 0 } input)
            {
                inputs.Add(input);
            }
        }

        return RfmScorer.Score(inputs, referenceDate);
    }

    /// <summary>
    /// The influence graph of a store: every customer's outbound relations become edges weighted by count and kind
    /// (referral 2, repost 1, mention 1, reply 0.5, other interaction 0.25), and each customer's largest
    /// <c>follower-count.*</c> trait is their follower count.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The graph, ready for <see cref="InfluenceGraph.Compute"/>.</returns>
    public static async Task<InfluenceGraph> BuildInfluenceGraphAsync(this CustomerStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var graph = new InfluenceGraph();
        await foreach (var p in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            long followers = 0;
            foreach (var (name, trait) in p.Traits)
            {
                if (name.StartsWith("follower-count.", StringComparison.Ordinal)
                    && long.TryParse(trait.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f))
                {
                    followers = Math.Max(followers, f);
                }
            }

            if (followers > 0)
            {
                graph.SetFollowers(p.Id, followers);
            }

            foreach (var r in await store.GetRelationsAsync(p.Id, cancellationToken).ConfigureAwait(false))
            {
                if (r.Direction == RelationDirection.Outbound)
                {
                    graph.AddEdge(p.Id, r.OtherCustomerId, r.Count * WeightOf(r.Kind));
                }
            }
        }

        return graph;
    }

    private static double WeightOf(RelationKind kind) => kind switch
    {
        RelationKind.ReferredBy => 2,
        RelationKind.Reposted or RelationKind.Mentioned => 1,
        RelationKind.RepliedTo => 0.5,
        _ => 0.25,
    };
}
