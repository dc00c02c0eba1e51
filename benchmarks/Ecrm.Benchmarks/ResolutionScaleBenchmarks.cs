using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Ecrm.Resolution;

namespace Ecrm.Benchmarks;

/// <summary>
/// Identity resolution at scale: 1,000,000 synthetic person records (Febrl value pools, 20% duplicates with typos)
/// resolved end to end, once (a single monitored run: it takes minutes). Target under 5 minutes on 2 cores; the peak
/// working set is printed at the end of the run.
/// </summary>
[BenchmarkCategory("resolution")]
[WarmupCount(0)]
[IterationCount(1)]
[InvocationCount(1)]
public class ResolutionScaleBenchmarks
{
    private List<ResolutionRecord> _records = [];

    [GlobalSetup]
    public void Setup() => _records = PersonRecords.Synthetic(1_000_000, 20261123);

    [Benchmark(Description = "Resolve 1,000,000 records")]
    public int ResolveMillion()
    {
        var result = IdentityResolver.Resolve(_records, PersonRecords.Options());
        Console.WriteLine($"// resolution: {result.CandidatePairs:N0} candidate pairs, {result.ClusterCount:N0} clusters, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        return result.ClusterCount;
    }
}
