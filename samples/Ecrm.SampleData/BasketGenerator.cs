namespace Ecrm.SampleData;

/// <summary>
/// Seeded shopping baskets shaped like a supermarket's (the classic Groceries set has 9,835 baskets of 169 items):
/// each item joins a basket with a Zipf-like probability (the top item in about a quarter of baskets, a long tail of
/// rare ones), and 40 product affinities (buyers of A often add B) give the data rules worth finding.
/// </summary>
public static class BasketGenerator
{
    /// <summary>Generates baskets.</summary>
    /// <param name="baskets">How many baskets.</param>
    /// <param name="items">How many distinct items (named <c>item-001</c> ...).</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The baskets (items distinct within each).</returns>
    public static IReadOnlyList<string[]> Generate(int baskets = 10_000, int items = 169, int seed = 20261123)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baskets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 4);
        var random = new Random(seed);
        var names = Enumerable.Range(1, items).Select(i => $"item-{i:D3}").ToArray();

        // Each item joins a basket on its own with a Zipf-like probability (the top item in about a quarter of baskets).
        var share = Enumerable.Range(0, items).Select(i => Math.Min(0.26, 0.26 / Math.Pow(i + 1, 0.68))).ToArray();
        var affinities = Enumerable.Range(0, 80)
            .Select(_ => (A: random.Next(items), B: random.Next(items), P: 0.3 + (0.5 * random.NextDouble())))
            .Where(x => x.A != x.B)
            .ToArray();

        var result = new List<string[]>(baskets);
        var chosen = new SortedSet<int>();
        while (result.Count < baskets)
        {
            chosen.Clear();
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() < share[i])
                {
                    chosen.Add(i);
                }
            }

            foreach (var (a, b, p) in affinities)
            {
                if (chosen.Contains(a) && random.NextDouble() < p)
                {
                    chosen.Add(b);
                }
            }

            if (chosen.Count > 0)
            {
                result.Add([.. chosen.Select(i => names[i])]);
            }
        }

        return result;
    }
}
