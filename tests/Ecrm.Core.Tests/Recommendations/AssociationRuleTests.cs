using Ecrm.Recommendations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Recommendations;

public sealed class AssociationRuleTests
{
    [Fact]
    public void TextbookExample_SupportConfidenceAndLift()
    {
        string[][] baskets =
        [
            ["bread", "milk"],
            ["bread", "diapers", "beer", "eggs"],
            ["milk", "diapers", "beer", "cola"],
            ["bread", "milk", "diapers", "beer"],
            ["bread", "milk", "diapers", "cola"],
        ];
        var mined = AssociationRuleSet.Mine(baskets, new AssociationRuleOptions { MinSupport = 0.4, MinConfidence = 0.6 });
        Assert.Equal(5, mined.Baskets);
        Assert.Equal(6, mined.Items);
        var rule = Assert.Single(mined.Rules, r => r.Antecedent.SequenceEqual(["diapers", "milk"]) && r.Consequent == "beer");
        Assert.Equal(0.4, rule.Support, 12);          // 2 of 5 baskets hold diapers, milk and beer
        Assert.Equal(2.0 / 3, rule.Confidence, 12);   // 3 baskets hold diapers and milk
        Assert.Equal((2.0 / 3) / 0.6, rule.Lift, 12); // beer is in 3 of 5
        Assert.Equal(2, rule.Count);
        Assert.Contains(mined.Rules, r => r.Antecedent.SequenceEqual(["beer"]) && r.Consequent == "diapers" && r.Confidence == 1.0);
        Assert.All(mined.Rules, r => Assert.True(r.Support >= 0.4 && r.Confidence >= 0.6));
    }

    [Fact]
    public void RepeatsAndEmptyBaskets_AreIgnored_AndBadThresholdsNamed()
    {
        var mined = AssociationRuleSet.Mine([["a", "a", "b"], [], ["a", "b", ""]], new AssociationRuleOptions { MinSupport = 1, MinConfidence = 1 });
        Assert.Equal(2, mined.Baskets);
        Assert.Equal(2, mined.Rules.Count); // a => b and b => a
        Assert.Contains("MinSupport", Assert.Throws<EcrmException>(() => AssociationRuleSet.Mine([["a"]], new AssociationRuleOptions { MinSupport = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxItems", Assert.Throws<EcrmException>(() => AssociationRuleSet.Mine([["a"]], new AssociationRuleOptions { MaxItems = 1 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxItems_BoundsTheRules()
    {
        string[][] baskets = [.. Enumerable.Repeat(new[] { "a", "b", "c", "d" }, 5)];
        Assert.Equal(4 * 3, AssociationRuleSet.Mine(baskets, new AssociationRuleOptions { MinSupport = 0.5, MinConfidence = 0, MaxItems = 2 }).Rules.Count);
        // every non-empty proper split of every subset of size >= 2: sum over k of C(4,k) * k = 12 + 12 + 4 = 28
        Assert.Equal(28, AssociationRuleSet.Mine(baskets, new AssociationRuleOptions { MinSupport = 0.5, MinConfidence = 0 }).Rules.Count);
    }

    /// <summary>FP-growth finds exactly the rules a brute-force count over every subset finds, with the same measures.</summary>
    [Property(MaxTest = 150)]
    public Property FpGrowth_AgreesWithBruteForce() => Prop.ForAll(
        Gen.Choose(1, 60).SelectMany(n => Gen.ListOf(Gen.Choose(0, 9).ArrayOf().Select(a => a.Distinct().ToArray()), n)).ToArbitrary(),
        Gen.Elements(0.02, 0.05, 0.1, 0.2, 0.35).ToArbitrary(),
        Gen.Elements(0.0, 0.3, 0.5, 0.8, 1.0).ToArbitrary(),
        (basketList, support, confidence) =>
        {
            var baskets = basketList.Select(b => b.Select(i => "item" + i).ToArray()).ToArray();
            var options = new AssociationRuleOptions { MinSupport = support, MinConfidence = confidence, MaxItems = 4 };
            var mined = AssociationRuleSet.Mine(baskets, options);
            var expected = BruteForce(baskets.Where(b => b.Length > 0).ToArray(), options);
            var actual = mined.Rules.Select(r => (string.Join('|', r.Antecedent), r.Consequent, r.Count, Math.Round(r.Confidence, 9), Math.Round(r.Lift, 9))).ToHashSet();
            return actual.SetEquals(expected) && mined.Rules.Count == expected.Count;
        });

    private static HashSet<(string, string, int, double, double)> BruteForce(string[][] baskets, AssociationRuleOptions options)
    {
        var n = baskets.Length;
        var rules = new HashSet<(string, string, int, double, double)>();
        if (n == 0)
        {
            return rules;
        }

        var items = baskets.SelectMany(b => b).Distinct().Order(StringComparer.Ordinal).ToArray();
        int Count(IEnumerable<string> set) => baskets.Count(b => set.All(b.Contains));
        for (var mask = 1; mask < 1 << items.Length; mask++)
        {
            var set = items.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            if (set.Length < 2 || set.Length > options.MaxItems)
            {
                continue;
            }

            var both = Count(set);
            if ((double)both / n < options.MinSupport - 1e-12 || both == 0)
            {
                continue;
            }

            foreach (var consequent in set)
            {
                var antecedent = set.Where(i => i != consequent).ToArray();
                var confidence = (double)both / Count(antecedent);
                if (confidence + 1e-12 >= options.MinConfidence)
                {
                    rules.Add((string.Join('|', antecedent), consequent, both, Math.Round(confidence, 9), Math.Round(confidence / ((double)Count([consequent]) / n), 9)));
                }
            }
        }

        return rules;
    }
}
