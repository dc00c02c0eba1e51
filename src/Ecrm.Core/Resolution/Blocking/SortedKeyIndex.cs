namespace Ecrm.Resolution;

/// <summary>
/// Records ordered by a blocking key, for sorted-neighbourhood lookups as records keep arriving: a large sorted array
/// plus a small sorted list of recent additions, merged into the array when it grows (so an addition costs a binary
/// search and a short insert, and a lookup two binary searches).
/// </summary>
internal sealed class SortedKeyIndex
{
    private const int MergeAt = 4096;
    private (string Key, int Index)[] _base = [];
    private readonly List<(string Key, int Index)> _recent = [];

    /// <summary>Replaces the content with these entries (any order): one sort instead of many inserts.</summary>
    public void Load(List<(string Key, int Index)> entries)
    {
        var array = entries.ToArray();
        Array.Sort(array, Comparer.Instance);
        _base = array;
        _recent.Clear();
    }

    public void Add(string key, int index)
    {
        var entry = (key, index);
        var at = _recent.BinarySearch(entry, Comparer.Instance);
        _recent.Insert(at < 0 ? ~at : at, entry);
        if (_recent.Count >= MergeAt)
        {
            var merged = new (string, int)[_base.Length + _recent.Count];
            int i = 0, j = 0, k = 0;
            while (i < _base.Length || j < _recent.Count)
            {
                merged[k++] = j >= _recent.Count || (i < _base.Length && Comparer.Instance.Compare(_base[i], _recent[j]) <= 0) ? _base[i++] : _recent[j++];
            }

            _base = merged;
            _recent.Clear();
        }
    }

    /// <summary>The records up to <paramref name="window"/> places before and after the key, in either part.</summary>
    public void Neighbours(string key, int window, HashSet<int> into)
    {
        Around(_base, key, window, into);
        Around(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_recent), key, window, into);
    }

    private static void Around(ReadOnlySpan<(string Key, int Index)> sorted, string key, int window, HashSet<int> into)
    {
        // The first position whose key is >= key.
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid].Key, key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = Math.Max(0, lo - window); i < Math.Min(sorted.Length, lo + window); i++)
        {
            into.Add(sorted[i].Index);
        }
    }

    private sealed class Comparer : IComparer<(string Key, int Index)>
    {
        public static readonly Comparer Instance = new();

        public int Compare((string Key, int Index) x, (string Key, int Index) y)
        {
            var c = string.CompareOrdinal(x.Key, y.Key);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
