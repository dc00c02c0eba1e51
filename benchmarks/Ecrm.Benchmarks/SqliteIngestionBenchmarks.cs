using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ecrm.Serialization;
using Ecrm.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// SQLite ingestion throughput, single-threaded, on the seeded data set (100,000 events), into a new file each
/// iteration: the SQLite store through the public graph (validation, normalisation, graph rules, JSON payloads, one
/// transaction per batch of 1,000), against the physical floor of inserting the same rows (the same payload bytes,
/// serialised beforehand) with a bare prepared statement in one transaction into a file with the same schema and
/// settings (WAL, synchronous=NORMAL, 32 MiB cache, checkpoints every 10,000 pages). Per event. Target: at least 100,000 events/s and within 2x of the floor.
/// </summary>
[BenchmarkCategory("storage")]
[InvocationCount(1)]
[IterationCount(10)]
[WarmupCount(6)] // an iteration is one invocation: two warm-ups leave the first measured ones in partly tiered-up code
public class SqliteIngestionBenchmarks
{
    private const int Events = 100_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-bench-sqlite-").FullName;
    private CustomerEvent[][] _batches = [];
    private (string Id, long At, byte[] Payload)[] _rows = [];
    private ServiceProvider? _provider;
    private ICustomerGraph _graph = null!;
    private SqliteConnection? _bare;
    private int _iteration;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var events = SeededEvents.InArrivalLayout(Events);
        _batches = events.Chunk(1_000).ToArray();
        _rows = [.. events.DistinctBy(e => e.Id).Select(e => (e.Id, e.OccurredAt.UtcTicks, JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Readable.CustomerEvent)))];
    }

    [IterationSetup]
    public void IterationSetup()
    {
        Cleanup();
        var path = Path.Combine(_folder, $"store-{++_iteration}.db");
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(path);
        _provider = services.BuildServiceProvider();
        _graph = _provider.GetRequiredService<ICustomerGraph>();
        _bare = new SqliteConnection($"Data Source={Path.Combine(_folder, $"bare-{_iteration}.db")};Pooling=False");
        _bare.Open();
        foreach (var sql in new[] { "PRAGMA locking_mode = EXCLUSIVE", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -32768", "PRAGMA wal_autocheckpoint = 10000" }.Concat(SqliteSchema.Migrations[0]))
        {
            SqliteSchema.Execute(_bare, sql);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Floor: bare prepared INSERT of the same rows, one transaction")]
    public int BareInsert()
    {
        using var transaction = _bare!.BeginTransaction();
        using var command = _bare.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO ecrm_log (seq, event_id, occurred_at, payload) VALUES ($seq, $id, $at, $payload)";
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var payload = command.Parameters.Add("$payload", SqliteType.Blob);
        command.Prepare();
        var n = 0;
        foreach (var row in _rows)
        {
            seq.Value = ++n;
            id.Value = row.Id;
            at.Value = row.At;
            payload.Value = row.Payload;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SQLite store: IngestBatchAsync (batches of 1,000)")]
    public Task<int> IngestIntoSqlite() => SeededEvents.IngestAsync(_graph, _batches);

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Cleanup();
        Directory.Delete(_folder, recursive: true);
    }

    private void Cleanup()
    {
        _provider?.Dispose();
        _bare?.Dispose();
        _provider = null;
        _bare = null;

        // The finished iteration's files go at once: left behind, their dirty pages are written back by the kernel
        // while later iterations run, which slowed the last iterations of a run by 10-30% (both methods alike).
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            File.Delete(file);
        }
    }
}
