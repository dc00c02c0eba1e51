using System.Globalization;
using Ecrm.Insights;
using Ecrm.Storage;
using Microsoft.Extensions.Options;

namespace Ecrm.Recommendations;

/// <summary>
/// The recommender: an observer of ingestion that keeps every order's items (its basket), the catalogue seen on order
/// lines and each customer's purchases, rebuilt from the store on first use; rules are mined again when stale.
/// </summary>
internal sealed class RecommendationService : IRecommender, ICustomerChangeObserver, IDisposable
{
    private readonly CustomerStore _store;
    private readonly RecommendationOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreReplay _replay;
    private readonly Lock _gate = new();
    private readonly List<string[]> _baskets = [];
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, string[] Skus)>> _purchases = new(StringComparer.Ordinal);
    private Mined? _mined;

    public RecommendationService(CustomerStore store, IOptions<RecommendationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _replay = new StoreReplay(store);
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public int In360 => _options.In360;

    public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken) =>
        _replay.ApplyAsync(changes, _gate, _purchases, (moved, survivor) => Purchases(survivor).AddRange(moved), Read, cancellationToken);

    public async ValueTask<AssociationRuleSet> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return Rules().Set;
    }

    public async ValueTask<IReadOnlyList<Recommendation>> RecommendAsync(string customerId, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var id = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        return Recommend(id, count);
    }

    public void Dispose() => _replay.Dispose();

    internal IReadOnlyList<Recommendation> Recommend(string customerId, int count)
    {
        var mined = Rules();
        var now = _time.GetUtcNow();
        HashSet<string> owned, recent;
        Dictionary<string, int> categories;
        lock (_gate)
        {
            var history = _purchases.GetValueOrDefault(customerId) ?? [];
            owned = history.Where(p => now - p.At <= _options.Lookback).SelectMany(p => p.Skus).ToHashSet(StringComparer.Ordinal);
            recent = history.Where(p => now - p.At <= _options.ExcludeBoughtWithin).SelectMany(p => p.Skus).ToHashSet(StringComparer.Ordinal);
            categories = owned.Select(s => _items.GetValueOrDefault(s)?.Category).OfType<string>()
                .GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var best = new Dictionary<string, Recommendation>(StringComparer.Ordinal);
        void Offer(Recommendation r)
        {
            if (!recent.Contains(r.Sku) && (!best.TryGetValue(r.Sku, out var current) || r.Score > current.Score))
            {
                best[r.Sku] = r;
            }
        }

        // 1. Rules whose antecedent the customer bought.
        foreach (var sku in owned)
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
                    Offer(Make(rule.Consequent, _options.RuleWeight * rule.Confidence * (1 + (0.01 * Math.Min(rule.Lift, 10))), RecommendationSource.Rule, rule.Antecedent, rule.Confidence,
                        string.Create(CultureInfo.InvariantCulture, $"bought {because}, and {Percent(rule.Confidence)} of buyers of {because} also bought {NameOf(rule.Consequent)}")));
                }
            }
        }

        // 2. Best sellers of the customer's categories, and 3. overall.
        var total = categories.Values.Sum();
        foreach (var (category, share) in categories.Where(c => total > 0).Select(c => (c.Key, (double)c.Value / total)))
        {
            if (!mined.TopByCategory.TryGetValue(category, out var top))
            {
                continue;
            }

            foreach (var (sku, rank) in top.Select((s, i) => (s, i)))
            {
                Offer(Make(sku, _options.AffinityWeight * share * (1.0 / (1 + rank)), RecommendationSource.CategoryAffinity, [], share,
                    string.Create(CultureInfo.InvariantCulture, $"{Percent(share)} of your purchases are {category}, and {NameOf(sku)} is among its best sellers")));
            }
        }

        foreach (var (sku, rank) in mined.Top.Select((s, i) => (s, i)))
        {
            var baskets = mined.Set.ItemCounts.GetValueOrDefault(sku);
            var shareOfBaskets = mined.Set.Baskets == 0 ? 0 : (double)baskets / mined.Set.Baskets;
            Offer(Make(sku, _options.PopularityWeight * (1.0 / (1 + rank)), RecommendationSource.Popularity, [], shareOfBaskets,
                string.Create(CultureInfo.InvariantCulture, $"a best seller: in {baskets:N0} orders")));
        }

        return [.. best.Values.OrderByDescending(r => r.Score).ThenBy(r => r.Sku, StringComparer.Ordinal).Take(count)];
    }

    internal ValueTask EnsureLoadedAsync(CancellationToken cancellationToken) => _replay.EnsureAsync(_gate, Read, cancellationToken);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private Recommendation Make(string sku, double score, RecommendationSource source, IReadOnlyList<string> because, double confidence, string reason)
    {
        lock (_gate)
        {
            var item = _items.GetValueOrDefault(sku);
            return new Recommendation(sku, item?.Name, item?.Category, score, source, because, confidence, reason);
        }
    }

    private string NameOf(string sku)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(sku)?.Name ?? sku;
        }
    }

    private void Read(CustomerEvent e, string customerId)
    {
        if (e.Type != EventType.Purchase || e.Properties?.LineItems is not { Count: > 0 } lines)
        {
            return;
        }

        var skus = lines.Select(l => l.Sku).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var line in lines)
        {
            if (!_items.TryGetValue(line.Sku, out var item))
            {
                _items[line.Sku] = item = new Item();
            }

            item.Name = line.Name ?? item.Name;
            item.Category = line.Category ?? item.Category;
        }

        _baskets.Add(skus);
        Purchases(customerId).Add((e.OccurredAt, skus));
    }

    private List<(DateTimeOffset At, string[] Skus)> Purchases(string customerId)
    {
        if (!_purchases.TryGetValue(customerId, out var list))
        {
            _purchases[customerId] = list = [];
        }

        return list;
    }

    /// <summary>The rules in use, mined again when new baskets arrived and the refresh interval passed (or none were mined).</summary>
    private Mined Rules()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_mined is { } current && (current.Baskets == _baskets.Count || now - current.At < _options.RefreshInterval))
            {
                return current;
            }

            var set = AssociationRuleSet.Mine(_baskets, new AssociationRuleOptions { MinSupport = _options.MinSupport, MinConfidence = _options.MinConfidence, MaxItems = _options.MaxRuleItems });
            var byFirst = set.Rules.GroupBy(r => r.Antecedent[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<AssociationRule>)[.. g], StringComparer.Ordinal);
            var ranked = set.ItemCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
            var byCategory = ranked.Where(s => _items.GetValueOrDefault(s)?.Category is not null)
                .GroupBy(s => _items[s].Category!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Take(10)], StringComparer.Ordinal);
            _mined = new Mined(set, byFirst, byCategory, [.. ranked.Take(20)], _baskets.Count, now);
            return _mined;
        }
    }

    private sealed class Item
    {
        public string? Name { get; set; }

        public string? Category { get; set; }
    }

    private sealed record Mined(
        AssociationRuleSet Set,
        IReadOnlyDictionary<string, IReadOnlyList<AssociationRule>> ByFirstItem,
        IReadOnlyDictionary<string, IReadOnlyList<string>> TopByCategory,
        IReadOnlyList<string> Top,
        int Baskets,
        DateTimeOffset At);
}
