using BenchmarkDotNet.Attributes;
using Ecrm.Sqlite;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// Opening a SQLite store and reading one customer's 360, at two sizes of store (the seeded data set of 100,000 and of
/// 1,000,000 events, written once at set-up with the graph index, which the store writes by default): a new store
/// object on the file, <c>OpenAsync</c>, one 360 (profile, 20 newest events, relations, merges, conflicts) of a
/// customer picked in rotation, dispose. The store opens from its graph index; the baseline is the same store on the
/// same file with <see cref="SqliteStoreOptions.KeepGraphIndex"/> off, which replays the log, as every opening did
/// before the index. Then the 360 alone on a store opened from its index (nothing of the graph in memory: every read
/// goes to the file), per read, over 1,000 customers in rotation. Targets (issue 19): an opening independent of the
/// store's size (10x the events within 2x the time), a cold 360 under 2 ms.
/// </summary>
[BenchmarkCategory("storage")]
[InvocationCount(1)]
[IterationCount(5)]
[WarmupCount(1)]
public class SqliteOpeningBenchmarks
{
    private const int Reads = 1_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-bench-open-").FullName;
    private string _path = string.Empty;
    private string[] _customers = [];
    private int _next;
    private SqliteCustomerStore? _open;

    [Params(100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _path = Path.Combine(_folder, "store.db");
        SeededEvents.WriteSqliteStore(_path, SeededEvents.InArrivalLayout(Events));
        using (var store = new SqliteCustomerStore(new EcrmOptions(), new SqliteStoreOptions { Path = _path }))
        {
            _customers = [.. store.ScanCustomersAsync().ToBlockingEnumerable().Select(p => p.Id).Where((_, i) => i % 97 == 0).Take(Reads)];
        }
    }

    [IterationSetup(Target = nameof(Cold360))]
    public void OpenCold()
    {
        _open = new SqliteCustomerStore(new EcrmOptions(), new SqliteStoreOptions { Path = _path });
        _ = _open.OpenAsync().AsTask().GetAwaiter().GetResult();
        if (!_open.ReadsFromIndex)
        {
            throw new InvalidOperationException("The store replayed its log: the index is not complete.");
        }
    }

    [IterationCleanup(Target = nameof(Cold360))]
    public void CloseCold() => _open?.Dispose();

    [Benchmark(Baseline = true, Description = "Open by replaying the log (KeepGraphIndex off) + one 360")]
    public Task<Customer360?> OpenByReplay() => OpenAndReadAsync(graphIndex: false);

    [Benchmark(Description = "Open from the graph index (default) + one 360")]
    public Task<Customer360?> OpenFromIndex() => OpenAndReadAsync(graphIndex: true);

    [Benchmark(OperationsPerInvoke = Reads, Description = "One 360 on a store opened from its index (cold: every read from the file)")]
    public async Task<int> Cold360()
    {
        var found = 0;
        foreach (var id in _customers)
        {
            found += await _open!.GetCustomer360Async(id, 20) is null ? 0 : 1;
        }

        return found;
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Customer360?> OpenAndReadAsync(bool graphIndex)
    {
        await using var store = new SqliteCustomerStore(new EcrmOptions(), new SqliteStoreOptions { Path = _path, KeepGraphIndex = graphIndex });
        await store.OpenAsync();
        return await store.GetCustomer360Async(_customers[_next++ % _customers.Length], 20);
    }
}
