using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// In-memory ingestion throughput, single-threaded, on the sample host's seeded multi-channel data set (100,000
/// events: WeChat, Weibo, web, shop, store and e-mail, with 2% late and 1% duplicate deliveries), against the baseline
/// of merely appending the same events to a list and a dictionary. Results are per event (OperationsPerInvoke).
/// </summary>
[BenchmarkCategory("ingestion")]
[IterationCount(20)] // an iteration is ~0.15 s: more of them tighten the error bars at little cost
[WarmupCount(15)] // an iteration is one invocation: with 6 warm-ups the first measured ones still ran partly tiered-up code (up to 1.7x slower)
public class IngestionBenchmarks
{
    private const int Events = 100_000;
    private const int BatchSize = 1_000;
    private IReadOnlyList<CustomerEvent> _events = [];
    private CustomerEvent[][] _batches = [];
    private ServiceProvider? _provider;
    private ICustomerGraph _graph = null!;
    private List<CustomerEvent> _list = null!;
    private Dictionary<string, CustomerEvent> _dictionary = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _events = SeededEvents.InArrivalLayout(Events);
        _batches = _events.Chunk(BatchSize).ToArray();
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _provider?.Dispose();
        _provider = new ServiceCollection().AddEcrm().Services.BuildServiceProvider();
        _graph = _provider.GetRequiredService<ICustomerGraph>();
        _list = [];
        _dictionary = new Dictionary<string, CustomerEvent>(StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Baseline: append to List + Dictionary")]
    public int AppendToListAndDictionary()
    {
        foreach (var e in _events)
        {
            _list.Add(e);
            _dictionary.TryAdd(e.Id, e);
        }

        return _list.Count + _dictionary.Count;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "IngestBatchAsync (batches of 1,000)")]
    public Task<int> IngestBatches() => SeededEvents.IngestAsync(_graph, _batches);

    [Benchmark(OperationsPerInvoke = Events, Description = "IngestAsync (one event per call)")]
    public async Task<int> IngestOneByOne()
    {
        var accepted = 0;
        foreach (var e in _events)
        {
            if ((await _graph.IngestAsync(e)).Status == IngestStatus.Accepted)
            {
                accepted++;
            }
        }

        return accepted;
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();
}
