using System.Globalization;

namespace Ecrm.Recommendations;

/// <summary>
/// Ranks what to recommend to one customer from the mined rules and that customer's purchases: rules whose antecedent
/// the customer bought, best sellers of the customer's categories, best sellers overall; nothing bought within
/// <see cref="RecommendationOptions.ExcludeBoughtWithin"/>. The same code serves a process that holds every basket and
/// one that read the rules from the store.
/// </summary>
internal static class RecommendationRanking
{
    /// <summary>The best <paramref name="count"/> recommendations, best first.</summary>
    /// <param name="mined">The rules.</param>
    /// <param name="history">The customer's purchases (when, which SKUs).</param>
    /// <param name="catalogue">Name and category of a SKU (null when unknown).</param>
    /// <param name="options">The weights and windows.</param>
    /// <param name="now">Now.</param>
    /// <param name="count">How many.</param>
    public static IReadOnlyList<Recommendation> Rank(MinedRules mined, IEnumerable<(DateTimeOffset At, string[] Skus)> history, Func<string, CatalogueItem?> catalogue, RecommendationOptions options, DateTimeOffset now, int count)
    {
        var purchases = history.ToList();
        var owned = purchases.Where(p => now - p.At <= options.Lookback).SelectMany(p => p.Skus).ToHashSet(StringComparer.Ordinal);
        var recent = purchases.Where(p => now - p.At <= options.ExcludeBoughtWithin).SelectMany(p => p.Skus).ToHashSet(StringComparer.Ordinal);
        var categories = owned.Select(s => catalogue(s)?.Category).OfType<string>()
            .GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        string NameOf(string sku) => catalogue(sku)?.Name ?? sku;
        Recommendation Make(string sku, double score, RecommendationSource source, IReadOnlyList<string> because, double confidence, string reason)
        {
            var item = catalogue(sku);
            return new Recommendation(sku, item?.Name, item?.Category, score, source, because, confidence, reason);
        }

        var best = new Dictionary<string, Recommendation>(StringComparer.Ordinal);
        void Offer(Recommendation r)
        {
            if (!recent.Contains(r.Sku) && (!best.TryGetValue(r.Sku, out var current) || r.Score > current.Score))
            {
                best[r.Sku] = r;
            }
        }

        // 1. Rules whose antecedent the customer bought (in SKU order: the first of equal offers wins, whatever order the
        // purchases are held in).
        foreach (var sku in owned.Order(StringComparer.Ordinal))
        {
            if (!mined.ByFirstItem.TryGetValue(sku, out var rules))
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if (rule.Antecedent.All(owned.Contains))
                {
                    var because = string.Join(" and ", rule.Antecedent.Select(NameOf));
                    Offer(Make(rule.Consequent, options.RuleWeight * rule.Confidence * (1 + (0.01 * Math.Min(rule.Lift, 10))), RecommendationSource.Rule, rule.Antecedent, rule.Confidence,
                        string.Create(CultureInfo.InvariantCulture, $"bought {because}, and {Percent(rule.Confidence)} of buyers of {because} also bought {NameOf(rule.Consequent)}")));
                }
            }
        }

        // 2. Best sellers of the customer's categories, and 3. overall.
        var total = categories.Values.Sum();
        foreach (var (category, share) in categories.Where(c => total > 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, (double)c.Value / total)))
        {
            if (!mined.TopByCategory.TryGetValue(category, out var top))
            {
                continue;
            }

            foreach (var (sku, rank) in top.Select((s, i) => (s, i)))
            {
                Offer(Make(sku, options.AffinityWeight * share * (1.0 / (1 + rank)), RecommendationSource.CategoryAffinity, [], share,
                    string.Create(CultureInfo.InvariantCulture, $"{Percent(share)} of your purchases are {category}, and {NameOf(sku)} is among its best sellers")));
            }
        }

        foreach (var (sku, rank) in mined.Top.Select((s, i) => (s, i)))
        {
            var baskets = mined.TopCounts.GetValueOrDefault(sku);
            var shareOfBaskets = mined.Baskets == 0 ? 0 : (double)baskets / mined.Baskets;
            Offer(Make(sku, options.PopularityWeight * (1.0 / (1 + rank)), RecommendationSource.Popularity, [], shareOfBaskets,
                string.Create(CultureInfo.InvariantCulture, $"a best seller: in {baskets:N0} orders")));
        }

        return [.. best.Values.OrderByDescending(r => r.Score).ThenBy(r => r.Sku, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>The SKUs of a purchase event's order lines (null when it has none).</summary>
    public static string[]? SkusOf(CustomerEvent e)
        => e.Type == EventType.Purchase && e.Properties?.LineItems is { Count: > 0 } lines
            ? [.. lines.Select(l => l.Sku).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)]
            : null;

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
