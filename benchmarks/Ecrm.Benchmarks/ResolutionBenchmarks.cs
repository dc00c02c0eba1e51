using BenchmarkDotNet.Attributes;
using Ecrm.Resolution;

namespace Ecrm.Benchmarks;

/// <summary>
/// Identity resolution: 10,000 Febrl records (data sets 2 and 3 together) resolved end to end (blocking, EM, scoring,
/// clustering; target under 0.5 s), and one new record added to an index of 1,000,000 synthetic records (target under
/// 5 ms).
/// </summary>
[BenchmarkCategory("resolution")]
public class ResolutionBenchmarks
{
    private List<ResolutionRecord> _tenThousand = [];
    private ResolutionIndex _million = null!;
    private List<ResolutionRecord> _arrivals = [];
    private int _next;

    [GlobalSetup(Target = nameof(ResolveTenThousand))]
    public void SetupTenThousand()
        => _tenThousand = [.. PersonRecords.Febrl("dataset2.csv", "d2-"), .. PersonRecords.Febrl("dataset3.csv", "d3-")];

    [GlobalSetup(Target = nameof(AddToMillion))]
    public void SetupMillion()
    {
        var population = PersonRecords.Synthetic(1_100_000, 20261123);
        _million = ResolutionIndex.Build(population[..1_000_000], PersonRecords.Options());
        _arrivals = population[1_000_000..];
    }

    [Benchmark(Description = "Resolve 10,000 Febrl records")]
    public int ResolveTenThousand() => IdentityResolver.Resolve(_tenThousand, PersonRecords.Options()).ClusterCount;

    [Benchmark(Description = "Add one record to a 1,000,000-record index")]
    public int AddToMillion() => _million.Add(_arrivals[_next++ % _arrivals.Count] with { Id = $"arrival-{_next}" }).Count;
}
