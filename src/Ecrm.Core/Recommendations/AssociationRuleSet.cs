namespace Ecrm.Recommendations;

/// <summary>
/// The association rules of a set of baskets: every rule with a non-empty antecedent and a single-item consequent whose
/// support and confidence meet the thresholds, with at most <see cref="AssociationRuleOptions.MaxItems"/> items, mined
/// with FP-growth. Support is the share of baskets holding antecedent and consequent; confidence is
/// support(both) / support(antecedent); lift is confidence / support(consequent).
/// </summary>
public sealed class AssociationRuleSet
{
    private readonly Lazy<IReadOnlyList<FrequentItemset>> _itemsets;

    private AssociationRuleSet(int baskets, int items, Func<IReadOnlyList<FrequentItemset>> itemsets, IReadOnlyList<AssociationRule> rules, IReadOnlyDictionary<string, int> itemCounts)
    {
        Baskets = baskets;
        Items = items;
        _itemsets = new Lazy<IReadOnlyList<FrequentItemset>>(itemsets);
        Rules = rules;
        ItemCounts = itemCounts;
    }

    /// <summary>Gets the number of baskets mined (empty ones excluded).</summary>
    public int Baskets { get; }

    /// <summary>Gets the number of distinct items seen.</summary>
    public int Items { get; }

    /// <summary>Gets the frequent itemsets (support at least the minimum), largest count first (listed on first use).</summary>
    public IReadOnlyList<FrequentItemset> Itemsets => _itemsets.Value;

    /// <summary>Gets the rules, by confidence, then lift, then support (descending), then items (ordinal).</summary>
    public IReadOnlyList<AssociationRule> Rules { get; }

    /// <summary>Gets how many baskets hold each item (every item seen, frequent or not).</summary>
    public IReadOnlyDictionary<string, int> ItemCounts { get; }

    /// <summary>Mines the rules of a set of baskets.</summary>
    /// <param name="baskets">The baskets: each a collection of item names (repeats within a basket count once; empty baskets are skipped).</param>
    /// <param name="options">The thresholds (defaults: support 0.001, confidence 0.5, 10 items).</param>
    /// <returns>The frequent itemsets and rules.</returns>
    /// <exception cref="EcrmException">A threshold is out of range.</exception>
    public static AssociationRuleSet Mine(IEnumerable<IEnumerable<string>> baskets, AssociationRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        options ??= new AssociationRuleOptions();
        options.Validate();

        // Distinct items per basket, and how many baskets hold each item.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<int>();
        var raw = new List<int[]>();
        var seen = new HashSet<int>();
        foreach (var basket in baskets)
        {
            seen.Clear();
            foreach (var name in basket)
            {
                if (string.IsNullOrEmpty(name))
                {
                    continue;
                }

                if (!ids.TryGetValue(name, out var id))
                {
                    id = ids.Count;
                    ids[name] = id;
                    names.Add(name);
                    counts.Add(0);
                }

                if (seen.Add(id))
                {
                    counts[id]++;
                }
            }

            if (seen.Count > 0)
            {
                raw.Add([.. seen]);
            }
        }

        var total = raw.Count;
        var itemCounts = names.Select((n, i) => (n, counts[i])).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        if (total == 0)
        {
            return new AssociationRuleSet(0, 0, () => [], [], itemCounts);
        }

        // Frequent items ranked by descending count (ties by name), so rank 0 is the most frequent.
        var minCount = Math.Max(1, (int)Math.Ceiling((options.MinSupport * total) - 1e-9));
        var frequent = Enumerable.Range(0, names.Count).Where(i => counts[i] >= minCount)
            .OrderByDescending(i => counts[i]).ThenBy(i => names[i], StringComparer.Ordinal).ToArray();
        var rank = new int[names.Count];
        Array.Fill(rank, -1);
        for (var r = 0; r < frequent.Length; r++)
        {
            rank[frequent[r]] = r;
        }

        var ranked = new List<int[]>(total);
        var buffer = new int[names.Count];
        foreach (var basket in raw)
        {
            var length = 0;
            foreach (var item in basket)
            {
                if (rank[item] >= 0)
                {
                    buffer[length++] = rank[item];
                }
            }

            if (length > 0)
            {
                var items = buffer.AsSpan(0, length).ToArray();
                Array.Sort(items);
                ranked.Add(items);
            }
        }

        var supports = new Dictionary<int[], int>(ItemsetComparer.Instance);
        FpGrowth.Mine(ranked, frequent.Length, minCount, options.MaxItems, (itemset, count) => supports[itemset] = count);

        string Name(int r) => names[frequent[r]];
        var rules = new List<AssociationRule>();
        foreach (var (itemset, count) in supports)
        {
            if (itemset.Length < 2)
            {
                continue;
            }

            var support = (double)count / total;
            for (var j = 0; j < itemset.Length; j++)
            {
                var rest = new int[itemset.Length - 1];
                for (int i = 0, k = 0; i < itemset.Length; i++)
                {
                    if (i != j)
                    {
                        rest[k++] = itemset[i];
                    }
                }

                var confidence = (double)count / supports[rest];
                if (confidence + 1e-12 < options.MinConfidence)
                {
                    continue;
                }

                var consequentSupport = (double)counts[frequent[itemset[j]]] / total;
                rules.Add(new AssociationRule(
                    rest.Select(Name).Order(StringComparer.Ordinal).ToArray(),
                    Name(itemset[j]),
                    support,
                    confidence,
                    confidence / consequentSupport,
                    count));
            }
        }

        rules.Sort(static (a, b) =>
        {
            var c = b.Confidence.CompareTo(a.Confidence);
            if (c == 0) c = b.Lift.CompareTo(a.Lift);
            if (c == 0) c = b.Support.CompareTo(a.Support);
            if (c == 0) c = string.CompareOrdinal(string.Join('|', a.Antecedent), string.Join('|', b.Antecedent));
            return c != 0 ? c : string.CompareOrdinal(a.Consequent, b.Consequent);
        });
        IReadOnlyList<FrequentItemset> Itemsets() => supports
            .Select(p => new FrequentItemset(p.Key.Select(Name).Order(StringComparer.Ordinal).ToArray(), p.Value))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Items.Count).ThenBy(s => string.Join('|', s.Items), StringComparer.Ordinal)
            .ToList();
        return new AssociationRuleSet(total, names.Count, Itemsets, rules, itemCounts);
    }

    private sealed class ItemsetComparer : IEqualityComparer<int[]>
    {
        public static readonly ItemsetComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
