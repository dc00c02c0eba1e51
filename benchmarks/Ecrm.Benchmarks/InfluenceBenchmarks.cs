using BenchmarkDotNet.Attributes;
using Ecrm.Scoring;

namespace Ecrm.Benchmarks;

/// <summary>
/// Influence: weighted PageRank plus follower blending over 1,000,000 edges among 200,000 customers with a
/// preferential-attachment shape (a few accounts get most reposts, like real social graphs). Target under 1 s.
/// </summary>
[BenchmarkCategory("scoring")]
public class InfluenceBenchmarks
{
    private const int Customers = 200_000;
    private const int Edges = 1_000_000;
    private InfluenceGraph _graph = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261123);
        _graph = new InfluenceGraph();
        var targets = new List<int>(Edges) { 0 };
        for (var e = 0; e < Edges; e++)
        {
            var from = random.Next(Customers);
            // Half the time amplify someone already amplified (rich get richer), otherwise anyone.
            var to = random.Next(2) == 0 ? targets[random.Next(targets.Count)] : random.Next(Customers);
            targets.Add(to);
            _graph.AddEdge($"cus_{from}", $"cus_{to}", 1 + random.Next(3));
        }

        for (var i = 0; i < Customers; i += 7)
        {
            _graph.SetFollowers($"cus_{i}", random.Next(1_000_000));
        }
    }

    [Benchmark(Description = "PageRank + blend, 1,000,000 edges")]
    public int Compute() => _graph.Compute().Iterations;
}
