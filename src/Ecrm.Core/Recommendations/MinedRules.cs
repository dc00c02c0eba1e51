namespace Ecrm.Recommendations;

/// <summary>
/// What the recommender mined from every basket, arranged for ranking one customer's recommendations: the rules by
/// their first antecedent item, each category's best sellers, the overall best sellers with their basket counts, and
/// the catalogue (names and categories by SKU) as the events last gave them.
/// </summary>
/// <param name="Set">The mined set (null when read back from the store, which keeps only what ranking needs).</param>
/// <param name="Rules">Every rule.</param>
/// <param name="TopByCategory">Each category's best sellers, best first (10 at most).</param>
/// <param name="Top">The best sellers, best first (20 at most).</param>
/// <param name="TopCounts">How many baskets hold each of <paramref name="Top"/>.</param>
/// <param name="Baskets">How many baskets were mined.</param>
/// <param name="Catalogue">Name and category by SKU.</param>
/// <param name="At">When the rules were mined.</param>
internal sealed record MinedRules(
    AssociationRuleSet? Set,
    IReadOnlyList<AssociationRule> Rules,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TopByCategory,
    IReadOnlyList<string> Top,
    IReadOnlyDictionary<string, int> TopCounts,
    int Baskets,
    IReadOnlyDictionary<string, CatalogueItem> Catalogue,
    DateTimeOffset At)
{
    /// <summary>Gets how many events the store held when the rules were stored (null before): a reading process takes rules
    /// older than <see cref="RecommendationOptions.RefreshInterval"/> as due for mining again when events arrived since, as
    /// the process holding the baskets does when baskets arrived.</summary>
    public long? StoreEvents { get; init; }

    /// <summary>Gets the rules by their first antecedent item.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<AssociationRule>> ByFirstItem { get; } =
        Rules.GroupBy(r => r.Antecedent[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<AssociationRule>)[.. g], StringComparer.Ordinal);

    /// <summary>Arranges a freshly mined set.</summary>
    /// <param name="set">The set.</param>
    /// <param name="catalogue">Name and category by SKU (a snapshot: the caller's may change later).</param>
    /// <param name="at">When it was mined.</param>
    public static MinedRules Of(AssociationRuleSet set, IReadOnlyDictionary<string, CatalogueItem> catalogue, DateTimeOffset at)
    {
        var ranked = set.ItemCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        var byCategory = ranked.Where(s => catalogue.GetValueOrDefault(s)?.Category is not null)
            .GroupBy(s => catalogue[s].Category!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Take(10)], StringComparer.Ordinal);
        var top = ranked.Take(20).ToList();
        return new MinedRules(set, set.Rules, byCategory, top, top.ToDictionary(s => s, s => set.ItemCounts[s], StringComparer.Ordinal), set.Baskets, catalogue, at);
    }
}

/// <summary>A SKU's name and category, as order lines last gave them.</summary>
/// <param name="Name">The name (null when no line named it).</param>
/// <param name="Category">The category (null when no line gave one).</param>
internal sealed record CatalogueItem(string? Name, string? Category);
