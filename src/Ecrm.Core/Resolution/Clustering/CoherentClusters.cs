namespace Ecrm.Resolution;

/// <summary>
/// Clusters that do not chain: matched pairs join their clusters only when every pair of records across the two is
/// compatible (no strong disagreement, see <see cref="MatchDecider"/>) and no person has said that two of them are
/// different people, so that a record similar to two different people cannot join them through itself. A cluster's
/// root is its first record (smallest index).
/// </summary>
internal sealed class CoherentClusters
{
    private readonly List<int> _parent = [];
    private readonly List<List<int>?> _members = [];
    private readonly HashSet<long> _apart = [];

    public int Count => _parent.Count;

    /// <summary>Adds a record as a cluster of its own.</summary>
    public void Add()
    {
        _parent.Add(_parent.Count);
        _members.Add(null);
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Records that two records are different people: they never share a cluster, directly or through others.</summary>
    /// <returns>False when they already share one.</returns>
    public bool KeepApart(int a, int b)
    {
        if (Find(a) == Find(b))
        {
            return false;
        }

        _apart.Add(Blocking.Pair(a, b));
        return true;
    }

    public bool AreKeptApart(int a, int b) => _apart.Count > 0 && _apart.Contains(Blocking.Pair(a, b));

    /// <summary>
    /// Joins the clusters of <paramref name="a"/> and <paramref name="b"/> unless a pair across them is kept apart or
    /// incompatible; returns that pair (left from a's cluster), or null when they were joined or already one.
    /// </summary>
    public (int Left, int Right)? TryJoin(int a, int b, Func<int, int, bool> compatible)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return null;
        }

        var left = Members(ra);
        var right = Members(rb);
        foreach (var x in left)
        {
            foreach (var y in right)
            {
                // The pair that matched is compatible by the caller's check, but may have been kept apart.
                if (AreKeptApart(x, y) || ((x != a || y != b) && !compatible(x, y)))
                {
                    return (x, y);
                }
            }
        }

        Join(ra, rb);
        return null;
    }

    /// <summary>Joins two clusters whatever their members (a person approved the pair), unless a pair across them is kept apart.</summary>
    /// <returns>That pair, or null when they were joined or already one.</returns>
    public (int Left, int Right)? ForceJoin(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return null;
        }

        foreach (var x in Members(ra))
        {
            foreach (var y in Members(rb))
            {
                if (AreKeptApart(x, y))
                {
                    return (x, y);
                }
            }
        }

        Join(ra, rb);
        return null;
    }

    private void Join(int ra, int rb)
    {
        var (root, other) = ra < rb ? (ra, rb) : (rb, ra);
        var joined = _members[root] ?? [root];
        joined.AddRange(_members[other] ?? [other]);
        _members[root] = joined;
        _members[other] = null;
        _parent[other] = root;
    }

    private IReadOnlyList<int> Members(int root) => _members[root] ?? [root];
}
