using BenchmarkDotNet.Attributes;
using Ecrm.Sqlite;
using Ecrm.Storage;

namespace Ecrm.Benchmarks;

/// <summary>
/// The first write after opening a SQLite store, at two sizes of store (the seeded data set of 100,000 and of
/// 1,000,000 events, written once at set-up): a new store object on the file, <c>OpenAsync</c>, one batch of 20 events
/// of returning customers (the identities of seeded events, new ids, a day later), dispose. By default the write goes
/// to a working set loaded from the graph index; the baseline is the same store on the same file with
/// <see cref="SqliteStoreOptions.WritesOnWorkingSets"/> off, whose first write replays the whole log into memory, as
/// every first write did before. Then the steady state, per batch of 20: on a store that writes on working sets (every
/// batch loads its components from the file), against a store that has brought the whole graph into memory (whose
/// batches cost only the fold and the log; its index rows are written when enough wait). Targets (issue 19): the cost of
/// a write bounded by the customers it touches, whatever the store's size.
/// </summary>
[BenchmarkCategory("storage")]
[InvocationCount(1)]
[IterationCount(5)]
[WarmupCount(1)]
public class SqliteWorkingSetBenchmarks
{
    private const int BatchSize = 20;
    private const int SteadyBatches = 50;
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-bench-ws-").FullName;
    private string _path = string.Empty;
    private CustomerEvent[] _returning = [];
    private int _round;
    private SqliteCustomerStore? _open;

    [Params(100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _path = Path.Combine(_folder, "store.db");
        var events = SeededEvents.InArrivalLayout(Events);
        SeededEvents.WriteSqliteStore(_path, events);
        _returning = [.. events.Where((_, i) => i % 37 == 0)];
    }

    [IterationSetup(Target = nameof(SteadyOnWorkingSets))]
    public void OpenForSteadyState()
    {
        _open = new SqliteCustomerStore(new EcrmOptions(), new SqliteStoreOptions { Path = _path });
        _ = _open.OpenAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(SteadyInMemory))]
    public void OpenWithTheWholeGraph()
    {
        OpenForSteadyState();
        _ = _open!.GetEventAsync("none").AsTask().GetAwaiter().GetResult(); // an event by id brings the whole graph into memory
    }

    [IterationCleanup(Targets = [nameof(SteadyOnWorkingSets), nameof(SteadyInMemory)])]
    public void CloseSteadyState() => _open?.Dispose();

    [Benchmark(Baseline = true, Description = "Open + first batch of 20, whole graph brought into memory (WritesOnWorkingSets off)")]
    public Task<int> FirstWriteByReplay() => OpenAndWriteAsync(workingSets: false);

    [Benchmark(Description = "Open + first batch of 20 on a working set (default)")]
    public Task<int> FirstWriteOnWorkingSet() => OpenAndWriteAsync(workingSets: true);

    [Benchmark(OperationsPerInvoke = SteadyBatches, Description = "One batch of 20 on a working set, store open (per batch)")]
    public async Task<int> SteadyOnWorkingSets()
    {
        if (!_open!.ReadsFromIndex)
        {
            throw new InvalidOperationException("The store did not open from its index.");
        }

        var accepted = 0;
        for (var b = 0; b < SteadyBatches; b++)
        {
            accepted += await WriteAsync(_open);
        }

        return _open.ReadsFromIndex ? accepted : throw new InvalidOperationException("A write brought the whole graph into memory.");
    }

    [Benchmark(OperationsPerInvoke = SteadyBatches, Description = "One batch of 20 with the whole graph in memory (per batch; the replay is outside the measure)")]
    public async Task<int> SteadyInMemory()
    {
        if (_open!.ReadsFromIndex)
        {
            throw new InvalidOperationException("The whole graph is not in memory.");
        }

        var accepted = 0;
        for (var b = 0; b < SteadyBatches; b++)
        {
            accepted += await WriteAsync(_open);
        }

        return accepted;
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> OpenAndWriteAsync(bool workingSets)
    {
        await using var store = new SqliteCustomerStore(new EcrmOptions(), new SqliteStoreOptions { Path = _path, WritesOnWorkingSets = workingSets });
        await store.OpenAsync();
        return await WriteAsync(store);
    }

    private async Task<int> WriteAsync(CustomerStore store)
    {
        var round = _round++;
        var batch = new CustomerEvent[BatchSize];
        for (var i = 0; i < batch.Length; i++)
        {
            var e = _returning[((round * BatchSize) + i) % _returning.Length];
            batch[i] = e with { Id = $"ws-{round}-{i}", OccurredAt = e.OccurredAt.AddDays(1) };
        }

        var result = await store.ApplyAsync(batch);
        return result.Outcomes.Count(o => o.Status == IngestStatus.Accepted);
    }
}
