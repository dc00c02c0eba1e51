using BenchmarkDotNet.Attributes;
using Ecrm.Resolution;

namespace Ecrm.Benchmarks;

/// <summary>
/// Identity resolution: 10,000 Febrl records (data sets 2 and 3 together) resolved end to end (blocking, estimation,
/// scoring, clustering; target under 0.5 s); their candidate pairs compared and scored with the fitted model on every
/// core, per pair (target at least 250,000 scored comparisons a second on 2 cores); and one new record added to an
/// index of 1,000,000 synthetic records (target under 5 ms).
/// </summary>
[BenchmarkCategory("resolution")]
public class ResolutionBenchmarks
{
    private const int ChunkSize = 16_384;
    private List<ResolutionRecord> _tenThousand = [];
    private PreparedRecords _prepared = null!;
    private MatchScorer _scorer = null!;
    private long[] _pairs = [];
    private ResolutionIndex _million = null!;
    private List<ResolutionRecord> _arrivals = [];
    private int _next;

    /// <summary>Gets the number of candidate pairs of the 10,000 records (the operations of one scoring invocation).</summary>
    public const int CandidatePairs = 199_890;

    [GlobalSetup(Target = nameof(ResolveTenThousand))]
    public void SetupTenThousand() => _tenThousand = TenThousand();

    [GlobalSetup(Target = nameof(ScoreCandidatePairs))]
    public void SetupScoring()
    {
        var options = PersonRecords.Options();
        _prepared = new PreparedRecords(TenThousand(), options.Fields);
        var frequencies = new TermFrequencies(_prepared.Comparisons.Length, options.TermFrequencyAdjustments);
        for (var i = 0; i < _prepared.Count; i++)
        {
            frequencies.Add(_prepared, i);
        }

        (_pairs, _) = Blocking.Candidates(_prepared, Blocking.Keys(_prepared), options);
        if (_pairs.Length != CandidatePairs)
        {
            throw new InvalidOperationException($"expected {CandidatePairs:N0} candidate pairs, the blocking gives {_pairs.Length:N0}: update CandidatePairs");
        }

        var (_, patterns) = PairComparer.CompareAll(_prepared, _pairs, default);
        var linked = _pairs.SelectMany(p => new[] { Blocking.Unpair(p).A, Blocking.Unpair(p).B }).Distinct().Count();
        var (model, _, _) = ModelEstimator.Fit(_prepared, frequencies, patterns, linked, options, default);
        _scorer = new MatchScorer(_prepared, model, frequencies);
    }

    [GlobalSetup(Target = nameof(AddToMillion))]
    public void SetupMillion()
    {
        var population = PersonRecords.Synthetic(1_100_000, 20261123);
        _million = ResolutionIndex.Build(population[..1_000_000], PersonRecords.Options());
        _arrivals = population[1_000_000..];
    }

    [Benchmark(Description = "Resolve 10,000 Febrl records")]
    public int ResolveTenThousand() => IdentityResolver.Resolve(_tenThousand, PersonRecords.Options()).ClusterCount;

    /// <summary>Compare and score every candidate pair on every core (per pair): Build compares on every core, then weighs on every core.</summary>
    [Benchmark(Description = "Score one candidate pair (compare and weigh; 2 cores)", OperationsPerInvoke = CandidatePairs)]
    public double ScoreCandidatePairs()
    {
        var total = 0.0;
        var comparisons = _prepared.Comparisons.Length;
        Parallel.For(
            0,
            (_pairs.Length + ChunkSize - 1) / ChunkSize,
            () => 0.0,
            (chunk, _, sum) =>
            {
                Span<int> levels = stackalloc int[comparisons];
                var end = Math.Min(_pairs.Length, (chunk + 1) * ChunkSize);
                for (var p = chunk * ChunkSize; p < end; p++)
                {
                    var (a, b) = Blocking.Unpair(_pairs[p]);
                    var crosswise = _prepared.Compare(a, b, levels);
                    sum += _scorer.Weight(a, b, levels, crosswise);
                }

                return sum;
            },
            sum =>
            {
                lock (_scorer)
                {
                    total += sum;
                }
            });
        return total;
    }

    [Benchmark(Description = "Add one record to a 1,000,000-record index")]
    public int AddToMillion() => _million.Add(_arrivals[_next++ % _arrivals.Count] with { Id = $"arrival-{_next}" }).Count;

    private static List<ResolutionRecord> TenThousand() => [.. PersonRecords.Febrl("dataset2.csv", "d2-"), .. PersonRecords.Febrl("dataset3.csv", "d3-")];
}
