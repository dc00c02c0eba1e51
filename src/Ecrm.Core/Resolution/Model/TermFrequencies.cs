namespace Ecrm.Resolution;

/// <summary>
/// How often each value occurs, per comparison, so that an agreement on a common value (王, "smith", a shop's default
/// phone number) weighs less than one on a rare value. The adjustment only ever lowers a weight: the u-probability of
/// an agreement on value v becomes max(u, f(v)), where f(v) is the share of the other records (not the two compared)
/// that hold v; a value no other record holds keeps the comparison's average weight, because one sample says little
/// about how rare a value is. A near agreement (a typo apart) on a common value is lowered alike.
/// </summary>
internal sealed class TermFrequencies
{
    private readonly Dictionary<string, int>[] _counts;
    private readonly List<string?>[] _keys;
    private readonly int[] _present;
    private readonly bool _adjust;

    public TermFrequencies(int comparisons, bool adjust)
    {
        _counts = [.. Enumerable.Range(0, comparisons).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        _keys = [.. Enumerable.Range(0, comparisons).Select(_ => new List<string?>())];
        _present = new int[comparisons];
        _adjust = adjust;
    }

    /// <summary>Counts (and keeps) the keys of a newly added record; records are added in index order.</summary>
    public void Add(PreparedRecords records, int record)
    {
        var comparisons = records.Comparisons;
        for (var c = 0; c < comparisons.Length; c++)
        {
            var key = comparisons[c].TermKey(records, record);
            _keys[c].Add(key);
            if (key is not null)
            {
                _present[c]++;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts[c], key, out _)++;
            }
        }
    }

    /// <summary>
    /// How many pairs of records with a key for comparison <paramref name="c"/> have the same key, and how many pairs
    /// of records with a key there are: Σ n(v)(n(v) - 1) / 2 and N(N - 1) / 2.
    /// </summary>
    public (double Same, double Pairs) Agreement(int c)
    {
        double same = 0;
        foreach (var n in _counts[c].Values)
        {
            same += (double)n * (n - 1) / 2;
        }

        double present = _present[c];
        return (same, present * (present - 1) / 2);
    }

    /// <summary>
    /// The weight adjustment (in bits, never positive) of an agreement between two records, against the comparison's
    /// average top-level u: at the top level the two keys are equal and f is the share of the other records holding
    /// it; at a level between (a typo apart) f is that of the more common of the two keys, because "mary" and "maary"
    /// agree on a name as common as "mary". The other record's key is that of comparison <paramref name="cb"/>
    /// (another one when names were read crosswise).
    /// </summary>
    public double Adjustment(int c, int a, int cb, int b, double u, bool exact)
    {
        if (!_adjust || _keys[c][a] is not { } key || _keys[cb][b] is not { } other)
        {
            return 0;
        }

        var others = _present[c] - 2;
        if (others <= 0)
        {
            return 0;
        }

        // Read crosswise, a given name compared with a family name may be either: the more common reading counts.
        int Count(string k) => Math.Max(_counts[c].GetValueOrDefault(k), _counts[cb].GetValueOrDefault(k));
        double shared;
        if (exact)
        {
            if (!string.Equals(key, other, StringComparison.Ordinal))
            {
                return 0;
            }

            shared = Count(key) - 2;
        }
        else
        {
            shared = Math.Max(Count(key), Count(other)) - 1;
        }

        var frequency = shared / others;
        return frequency <= u ? 0 : Math.Log2(u / frequency);
    }
}
