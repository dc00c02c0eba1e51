namespace Ecrm.Resolution;

/// <summary>
/// Clusters that do not chain: matched pairs join their clusters only when every pair of records across the two is
/// compatible (see <see cref="ResolutionIndex"/>: a direct match, or no strong disagreement), so that a record similar
/// to two different people cannot join them through itself. A cluster's root is its first record (smallest index).
/// </summary>
internal sealed class CoherentClusters
{
    private readonly List<int> _parent = [];
    private readonly List<List<int>?> _members = [];

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

    /// <summary>
    /// Joins the clusters of <paramref name="a"/> and <paramref name="b"/> unless a pair across them is incompatible;
    /// returns that pair (left from a's cluster), or null when they were joined or already one.
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
                // The pair that matched is compatible by definition.
                if ((x != a || y != b) && !compatible(x, y))
                {
                    return (x, y);
                }
            }
        }

        var (root, other) = ra < rb ? (ra, rb) : (rb, ra);
        var joined = _members[root] ?? [root];
        joined.AddRange(_members[other] ?? [other]);
        _members[root] = joined;
        _members[other] = null;
        _parent[other] = root;
        return null;
    }

    private IReadOnlyList<int> Members(int root) => _members[root] ?? [root];
}
