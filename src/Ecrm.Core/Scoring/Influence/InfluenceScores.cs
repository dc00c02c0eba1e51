namespace Ecrm.Scoring;

/// <summary>The result of <see cref="InfluenceGraph.Compute"/>: a 0-100 influence score and the raw PageRank per customer.</summary>
public sealed class InfluenceScores
{
    private readonly string[] _ids;
    private readonly double[] _rank;
    private readonly double[] _scores;
    private readonly Dictionary<string, int> _index;

    internal InfluenceScores(string[] ids, double[] rank, double[] scores, int iterations, bool converged)
    {
        _ids = ids;
        _rank = rank;
        _scores = scores;
        Iterations = iterations;
        Converged = converged;
        _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            _index[ids[i]] = i;
        }
    }

    /// <summary>Gets how many power iterations ran.</summary>
    public int Iterations { get; }

    /// <summary>Gets whether the ranks converged within the tolerance.</summary>
    public bool Converged { get; }

    /// <summary>Gets the number of customers scored.</summary>
    public int Count => _ids.Length;

    /// <summary>The 0-100 influence score of a customer; 0 for one not in the graph.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The score.</returns>
    public double ScoreOf(string customerId) => _index.TryGetValue(customerId, out var i) ? _scores[i] : 0;

    /// <summary>The PageRank of a customer (the ranks sum to 1); 0 for one not in the graph.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The rank.</returns>
    public double PageRankOf(string customerId) => _index.TryGetValue(customerId, out var i) ? _rank[i] : 0;

    /// <summary>The <paramref name="k"/> most influential customers, highest score first (ties by id).</summary>
    /// <param name="k">How many.</param>
    /// <returns>Customer ids with scores and ranks.</returns>
    public IReadOnlyList<(string CustomerId, double Score, double PageRank)> Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return Enumerable.Range(0, _ids.Length)
            .OrderByDescending(i => _scores[i]).ThenBy(i => _ids[i], StringComparer.Ordinal)
            .Take(k)
            .Select(i => (_ids[i], _scores[i], _rank[i]))
            .ToArray();
    }
}
