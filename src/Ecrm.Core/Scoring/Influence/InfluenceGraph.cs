using System.Runtime.InteropServices;

namespace Ecrm.Scoring;

/// <summary>
/// The customer-to-customer graph influence is computed on: who reposted, mentioned, replied to or was referred by
/// whom, with weights, plus each customer's follower count. Build it, then call <see cref="Compute"/>.
/// </summary>
/// <remarks>
/// An edge from A to B means A amplified B (A reposted B, mentioned B, replied to B, or was referred by B), so rank
/// flows from A to B. Parallel edges add up; self-loops are ignored.
/// </remarks>
public sealed class InfluenceGraph
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<long> _followers = [];
    private readonly List<(int From, int To, double Weight)> _edges = [];

    /// <summary>Gets the number of customers in the graph.</summary>
    public int CustomerCount => _ids.Count;

    /// <summary>Gets the number of edges added (self-loops excluded).</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>Adds a weighted edge: <paramref name="from"/> amplified <paramref name="to"/>.</summary>
    /// <param name="from">The customer who reposted, mentioned, replied or was referred.</param>
    /// <param name="to">The customer amplified.</param>
    /// <param name="weight">How much the edge counts (e.g. the number of reposts).</param>
    /// <exception cref="EcrmException">A non-positive or non-finite weight.</exception>
    public void AddEdge(string from, string to, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        if (!(weight > 0) || !double.IsFinite(weight))
        {
            throw new EcrmException($"weight: expected a positive finite edge weight, received {weight}.");
        }

        var a = IndexOf(from);
        var b = IndexOf(to);
        if (a != b)
        {
            _edges.Add((a, b, weight));
        }
    }

    /// <summary>Sets a customer's follower count (the largest seen on any channel, for instance).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="followers">The follower count.</param>
    public void SetFollowers(string customerId, long followers)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(followers);
        _followers[IndexOf(customerId)] = followers;
    }

    /// <summary>
    /// Computes weighted PageRank (power iteration; the rank of customers without outgoing edges is spread evenly) and
    /// blends it with follower counts: score = 100 × (share × pr' + (1 − share) × f'), where pr' = ln(1 + n·pr) /
    /// ln(1 + n·max pr) and f' = ln(1 + followers) / ln(1 + max followers), so both parts are in [0, 1].
    /// </summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>The scores.</returns>
    public InfluenceScores Compute(InfluenceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InfluenceOptions();
        options.Validate();
        var n = _ids.Count;
        var (start, target, weight) = Compressed(n);
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var e = start[i]; e < start[i + 1]; e++)
            {
                outWeight[i] += weight[e];
            }
        }

        var rank = new double[n];
        var next = new double[n];
        Array.Fill(rank, n == 0 ? 0 : 1.0 / n);
        var d = options.Damping;
        var iterations = 0;
        var converged = n == 0;
        while (!converged && iterations < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            var dangling = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (outWeight[i] == 0)
                {
                    dangling += rank[i];
                }
            }

            Array.Fill(next, ((1 - d) / n) + (d * dangling / n));
            for (var i = 0; i < n; i++)
            {
                if (outWeight[i] == 0)
                {
                    continue;
                }

                var share = d * rank[i] / outWeight[i];
                for (var e = start[i]; e < start[i + 1]; e++)
                {
                    next[target[e]] += share * weight[e];
                }
            }

            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                change += Math.Abs(next[i] - rank[i]);
            }

            (rank, next) = (next, rank);
            converged = change < options.Tolerance;
        }

        return new InfluenceScores([.. _ids], rank, Blend(rank, options.PageRankShare), iterations, converged);
    }

    private double[] Blend(double[] rank, double share)
    {
        var n = rank.Length;
        var maxRank = n == 0 ? 0 : rank.Max();
        var maxFollowers = _followers.Count == 0 ? 0 : _followers.Max();
        var rankScale = Math.Log(1 + (n * maxRank));
        var followerScale = Math.Log(1 + maxFollowers);
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var pr = rankScale > 0 ? Math.Log(1 + (n * rank[i])) / rankScale : 0;
            var f = followerScale > 0 ? Math.Log(1 + _followers[i]) / followerScale : 0;
            scores[i] = 100 * ((share * pr) + ((1 - share) * f));
        }

        return scores;
    }

    /// <summary>The edges in compressed sparse row form, grouped by source.</summary>
    private (int[] Start, int[] Target, double[] Weight) Compressed(int n)
    {
        var edges = CollectionsMarshal.AsSpan(_edges);
        var start = new int[n + 1];
        foreach (var (from, _, _) in edges)
        {
            start[from + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = start[..n];
        var target = new int[edges.Length];
        var weight = new double[edges.Length];
        foreach (var (from, to, w) in edges)
        {
            var slot = fill[from]++;
            target[slot] = to;
            weight[slot] = w;
        }

        return (start, target, weight);
    }

    private int IndexOf(string id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(id);
            _followers.Add(0);
        }

        return slot;
    }
}
