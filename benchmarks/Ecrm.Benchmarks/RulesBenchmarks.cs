using BenchmarkDotNet.Attributes;
using Ecrm.Recommendations;
using Ecrm.SampleData;

namespace Ecrm.Benchmarks;

/// <summary>
/// Association-rule mining over 10,000 seeded baskets of 169 items (Zipf popularity, geometric basket sizes, product
/// affinities; <see cref="BasketGenerator"/>) at support 0.001 and confidence 0.5, rules of up to 10 items.
/// Target: under 50 ms. The reference is a plain interpreted vertical-itemset implementation at about 0.3 s;
/// the in-run baseline is a plain compiled one: depth-first itemsets over hash-set transaction-id lists.
/// </summary>
[BenchmarkCategory("recommendations")]
public class RulesBenchmarks
{
    private static readonly AssociationRuleOptions Options = new() { MinSupport = 0.001, MinConfidence = 0.5, MaxItems = 10 };
    private IReadOnlyList<string[]> _baskets = [];

    [GlobalSetup]
    public void Setup()
    {
        _baskets = BasketGenerator.Generate();
        var mined = AssociationRuleSet.Mine(_baskets, Options);
        var vertical = VerticalRuleCount();
        Console.WriteLine($"// {mined.Baskets} baskets, {mined.Items} items, {mined.Itemsets.Count} frequent itemsets, {mined.Rules.Count} rules (vertical baseline: {vertical} rules)");
        if (vertical != mined.Rules.Count)
        {
            throw new InvalidOperationException($"FP-growth found {mined.Rules.Count} rules, the vertical baseline {vertical}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Plain vertical itemsets (hash-set tid lists), rules counted")]
    public int Vertical() => VerticalRuleCount();

    [Benchmark(Description = "FP-growth: itemsets, rules with support, confidence and lift, sorted")]
    public int FpGrowth() => AssociationRuleSet.Mine(_baskets, Options).Rules.Count;

    private int VerticalRuleCount()
    {
        var n = _baskets.Count;
        var minCount = (int)Math.Ceiling((Options.MinSupport * n) - 1e-9);
        var tids = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var t = 0; t < n; t++)
        {
            foreach (var item in _baskets[t])
            {
                if (!tids.TryGetValue(item, out var set))
                {
                    tids[item] = set = [];
                }

                set.Add(t);
            }
        }

        var items = tids.Where(p => p.Value.Count >= minCount).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var supports = new Dictionary<string, int>(StringComparer.Ordinal);
        void Grow(List<string> prefix, HashSet<int> prefixTids, int start)
        {
            for (var i = start; i < items.Length; i++)
            {
                var set = prefix.Count == 0 ? items[i].Value : new HashSet<int>(prefixTids.Where(items[i].Value.Contains));
                if (set.Count < minCount)
                {
                    continue;
                }

                prefix.Add(items[i].Key);
                supports[string.Join('|', prefix)] = set.Count;
                if (prefix.Count < Options.MaxItems)
                {
                    Grow(prefix, set, i + 1);
                }

                prefix.RemoveAt(prefix.Count - 1);
            }
        }

        Grow([], [], 0);
        var rules = 0;
        foreach (var (key, count) in supports)
        {
            var parts = key.Split('|');
            if (parts.Length < 2)
            {
                continue;
            }

            for (var j = 0; j < parts.Length; j++)
            {
                var antecedent = string.Join('|', parts.Where((_, k) => k != j));
                rules += (double)count / supports[antecedent] + 1e-12 >= Options.MinConfidence ? 1 : 0;
            }
        }

        return rules;
    }
}
