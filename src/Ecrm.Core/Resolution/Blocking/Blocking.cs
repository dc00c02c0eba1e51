namespace Ecrm.Resolution;

/// <summary>
/// Candidate pairs from several blocking passes, so that a typo in one field does not hide a pair: sorted
/// neighbourhoods on the name read both ways, and exact-key blocks on the two names in either order (swapped names), on dates, ids, contact points, postcode with street
/// number, and a phonetic name key with the birth year. Large blocks fall back to a window.
/// </summary>
internal static class Blocking
{
    /// <summary>The blocking keys for the fields present: each a sorted-neighbourhood key or an exact-block key.</summary>
    public static List<BlockingKey> Keys(PreparedRecords r)
    {
        var keys = new List<BlockingKey>();
        var given = r.IndexOf(FieldKind.GivenName);
        var family = r.IndexOf(FieldKind.FamilyName);
        var full = r.IndexOf(FieldKind.FullName);
        var name = family >= 0 ? family : full;
        if (name >= 0)
        {
            keys.Add(new($"sorted:{r.Fields[name].Name}" + (given >= 0 ? $"+{r.Fields[given].Name}" : string.Empty), i => Join(r.Values[name][i], given >= 0 ? r.Values[given][i] : null), Sorted: true));
        }

        if (given >= 0)
        {
            keys.Add(new($"sorted:{r.Fields[given].Name}" + (name >= 0 ? $"+{r.Fields[name].Name}" : string.Empty), i => Join(r.Values[given][i], name >= 0 ? r.Values[name][i] : null), Sorted: true));
        }

        // Records swap given and family names: a block on the two names in alphabetical order.
        if (given >= 0 && family >= 0)
        {
            keys.Add(new($"block:{r.Fields[given].Name}+{r.Fields[family].Name} in any order", i => AnyOrder(r.Values[given][i], r.Values[family][i]), Sorted: false));
        }

        var date = r.IndexOf(FieldKind.BirthDate);
        foreach (var kind in new[] { FieldKind.BirthDate, FieldKind.NationalId, FieldKind.Phone, FieldKind.Email })
        {
            var f = r.IndexOf(kind);
            if (f >= 0)
            {
                keys.Add(new($"block:{r.Fields[f].Name}", i => r.Values[f][i], Sorted: false));
            }
        }

        var postcode = r.IndexOf(FieldKind.Postcode);
        var number = r.IndexOf(FieldKind.StreetNumber);
        if (postcode >= 0 && number >= 0)
        {
            keys.Add(new($"block:{r.Fields[postcode].Name}+{r.Fields[number].Name}", i => Both(r.Values[postcode][i], r.Values[number][i]), Sorted: false));
        }

        if (name >= 0 && date >= 0)
        {
            keys.Add(new($"block:phonetic({r.Fields[name].Name})+birth-year", i => r.Values[name][i] is { } n && r.Values[date][i] is { Length: >= 4 } d ? Similarity.Phonetic(n) + "|" + d[..4] : null, Sorted: false));
        }

        // The address only when nothing better identifies a record (no birth date, national id, phone or e-mail):
        // otherwise those passes already catch the pairs whose names are both mistyped.
        var address = r.IndexOf(FieldKind.Address);
        if (address >= 0 && date < 0 && r.IndexOf(FieldKind.NationalId) < 0 && r.IndexOf(FieldKind.Phone) < 0 && r.IndexOf(FieldKind.Email) < 0)
        {
            keys.Add(new($"sorted:{r.Fields[address].Name}", i => r.Values[address][i], Sorted: true));
        }

        return keys;
    }

    public static (long[] Pairs, List<BlockingPass> Passes) Candidates(PreparedRecords r, IReadOnlyList<BlockingKey> keys, ResolverOptions options)
    {
        var passes = new List<BlockingPass>();
        var all = new List<long>(r.Count * options.Window * keys.Count(k => k.Sorted) + (4 * r.Count)); // one allocation, not a series of doublings
        foreach (var key in keys)
        {
            var before = all.Count;
            Propose(r.Count, key, options, all);
            passes.Add(new BlockingPass(key.Name, all.Count - before));
        }

        return (Distinct(all), passes);
    }

    /// <summary>The distinct pairs of a list of proposals, in order (the list is sorted in place).</summary>
    public static long[] Distinct(List<long> pairs)
    {
        pairs.Sort();
        var unique = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i == 0 || pairs[i] != pairs[i - 1])
            {
                pairs[unique++] = pairs[i];
            }
        }

        return [.. pairs.Take(unique)];
    }

    /// <summary>Appends the pairs one pass proposes (a pair may repeat within a sorted pass when keys tie).</summary>
    public static void Propose(int records, BlockingKey key, ResolverOptions options, List<long> into)
    {
        if (key.Sorted)
        {
            SortedNeighbourhood(records, key.Key, options.Window, into);
        }
        else
        {
            ExactBlocks(records, key.Key, options, into);
        }
    }

    public static long Pair(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    public static (int A, int B) Unpair(long p) => ((int)(p >> 32), (int)(p & 0xffffffff));

    private static string? AnyOrder(string? a, string? b) => a is null || b is null ? null : string.CompareOrdinal(a, b) <= 0 ? a + "|" + b : b + "|" + a;

    private static string? Join(string? a, string? b) => a is null && b is null ? null : (a ?? string.Empty) + "|" + (b ?? string.Empty);

    private static string? Both(string? a, string? b) => a is null || b is null ? null : a + "|" + b;

    private static void SortedNeighbourhood(int n, Func<int, string?> key, int window, List<long> into)
    {
        var keyed = new List<(string Key, int Index)>(n);
        for (var i = 0; i < n; i++)
        {
            if (key(i) is { } k)
            {
                keyed.Add((k, i));
            }
        }

        keyed.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key) is var c && c != 0 ? c : x.Index.CompareTo(y.Index));
        for (var i = 0; i < keyed.Count; i++)
        {
            for (var j = i + 1; j < keyed.Count && j <= i + window; j++)
            {
                into.Add(Pair(keyed[i].Index, keyed[j].Index));
            }
        }
    }

    private static void ExactBlocks(int n, Func<int, string?> key, ResolverOptions options, List<long> into)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (key(i) is { } k)
            {
                if (!blocks.TryGetValue(k, out var list))
                {
                    blocks[k] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var block in blocks.Values)
        {
            var window = block.Count <= options.MaxBlockSize ? block.Count : options.Window;
            for (var i = 0; i < block.Count; i++)
            {
                for (var j = i + 1; j < block.Count && j <= i + window; j++)
                {
                    into.Add(Pair(block[i], block[j]));
                }
            }
        }
    }
}
