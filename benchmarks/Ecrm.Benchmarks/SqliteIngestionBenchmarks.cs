using System.Text;
using BenchmarkDotNet.Attributes;
using Ecrm.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace Ecrm.Benchmarks;

/// <summary>
/// SQLite ingestion throughput, single-threaded, on the seeded data set (100,000 events), into a new file each
/// iteration: the SQLite store through the public graph (validation, normalisation, graph rules, JSON payloads, one
/// transaction per batch of 1,000), against the floor of writing the same rows by the store's own means without the
/// graph. The floor's rows are the ones the store writes: set-up ingests the data set once through the store and reads
/// its log back, so seq numbers, canonical order within a batch, duplicates left out, normalised payload bytes and the
/// rows of each transaction are the store's. The floor then inserts them as <see cref="SqliteLogWriter"/> does, on the
/// connection's native handle: statements prepared once with <c>sqlite3_prepare_v2</c>, full statements of
/// <see cref="SqliteLogWriter.RowsPerStatement"/> rows and the rest of a batch one row per statement, seq and time bound
/// as int64 and id and payload as spans (already encoded and serialised), step and reset; one transaction per batch,
/// begun and committed through <see cref="SqliteConnection"/>, into a file opened with the store's connection string,
/// PRAGMAs (exclusive lock, WAL, synchronous=NORMAL, secure_delete, 32 MiB cache, checkpoints every 10,000 pages) and
/// schema migrations. What the store does beyond the floor is the graph, serialising payloads and encoding ids, and
/// opening the file in its first call (the floor opens it in the iteration set-up). The store runs twice: as the log
/// alone (<see cref="SqliteStoreOptions.KeepGraphIndex"/> off, the rows the floor writes), and as configured by default,
/// keeping the graph index, whose rows are written in the iteration too (the waiting ones by a final
/// <c>FlushIndexAsync</c>), so the figure carries their whole cost. Per event. Target: at least 150,000 events/s, and
/// within 2x of the floor.
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
    private LogRow[][] _transactions = []; // the store's rows, one array per transaction it committed
    private int _rows;
    private ServiceProvider? _provider;
    private ICustomerGraph _graph = null!;
    private SqliteConnection? _bare;
    private sqlite3_stmt? _many;
    private sqlite3_stmt? _one;
    private int _iteration;

    // Each method runs in a process of its own, and each gets only the set-up it needs: ingesting the data set once to
    // learn the store's rows, in the store's process, left it running at 6.5-14.5 us an event instead of 4.9 (the heap
    // and the JIT's profile that ingestion left behind), so the floor's rows are made in the floor's process only.
    [GlobalSetup(Target = nameof(BareInsert))]
    public void SetUpFloor()
    {
        SetUpStore();
        _transactions = StoreTransactions(Path.Combine(_folder, "rows.db"));
        _rows = _transactions.Sum(t => t.Length);
    }

    [GlobalSetup(Targets = [nameof(IngestIntoSqlite), nameof(IngestIntoSqliteWithGraphIndex)])]
    public void SetUpStore() => _batches = SeededEvents.InArrivalLayout(Events).Chunk(1_000).ToArray();

    [IterationSetup(Targets = [nameof(BareInsert), nameof(IngestIntoSqlite)])]
    public void IterationSetup() => NewFiles(graphIndex: false);

    [IterationSetup(Target = nameof(IngestIntoSqliteWithGraphIndex))]
    public void IterationSetupWithGraphIndex() => NewFiles(graphIndex: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Floor: the store's rows by its native 32-row INSERTs, one transaction per batch")]
    public int BareInsert()
    {
        var connection = _bare!;
        var db = connection.Handle!;
        var rowsPerStatement = SqliteLogWriter.RowsPerStatement;
        var many = _many ??= Prepare(db, SqliteLogWriter.InsertSql(rowsPerStatement)); // the writer prepares on the first append too
        var one = _one ??= Prepare(db, SqliteLogWriter.InsertSql(1));
        foreach (var rows in _transactions)
        {
            using var transaction = connection.BeginTransaction();
            for (var i = 0; i < rows.Length;)
            {
                var full = rows.Length - i >= rowsPerStatement;
                var statement = full ? many : one;
                var count = full ? rowsPerStatement : 1;
                for (var row = 0; row < count; row++, i++)
                {
                    var r = rows[i];
                    var p = (row * 4) + 1;
                    Check(db, raw.sqlite3_bind_int64(statement, p, r.Seq));
                    Check(db, raw.sqlite3_bind_text(statement, p + 1, r.Id));
                    Check(db, raw.sqlite3_bind_int64(statement, p + 2, r.At));
                    Check(db, raw.sqlite3_bind_blob(statement, p + 3, r.Payload));
                }

                Step(db, statement);
            }

            transaction.Commit();
        }

        return _rows;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SQLite store, log only: IngestBatchAsync (batches of 1,000)")]
    public Task<int> IngestIntoSqlite() => SeededEvents.IngestAsync(_graph, _batches);

    [Benchmark(OperationsPerInvoke = Events, Description = "SQLite store with its graph index (default): IngestBatchAsync (batches of 1,000), then FlushIndexAsync")]
    public async Task<int> IngestIntoSqliteWithGraphIndex()
    {
        var accepted = await SeededEvents.IngestAsync(_graph, _batches);
        await ((Ecrm.Storage.EventSourcedCustomerStore)_provider!.GetRequiredService<Ecrm.Storage.CustomerStore>()).FlushIndexAsync();
        return accepted;
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Cleanup();
        Directory.Delete(_folder, recursive: true);
    }

    private void NewFiles(bool graphIndex)
    {
        Cleanup();
        var path = Path.Combine(_folder, $"store-{++_iteration}.db");
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(o =>
        {
            o.Path = path;
            o.KeepGraphIndex = graphIndex;
        });
        _provider = services.BuildServiceProvider();
        _graph = _provider.GetRequiredService<ICustomerGraph>();
        _bare = OpenAsTheStoreDoes(Path.Combine(_folder, $"bare-{_iteration}.db"));
    }

    /// <summary>A file opened and migrated as <c>SqliteCustomerStore</c> opens it, with default <see cref="SqliteStoreOptions"/>.</summary>
    private static SqliteConnection OpenAsTheStoreDoes(string path)
    {
        var connection = SqliteStoreConnection.Open(path, new SqliteStoreOptions { Path = path });
        SqliteSchema.Migrate(connection, path);
        return connection;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// Ingests the batches through the store into <paramref name="path"/> and reads its log back, split into the
    /// transactions the store committed (one per batch with new events: the batch's accepted events, in seq order).
    /// </summary>
    private LogRow[][] StoreTransactions(string path)
    {
        var accepted = new List<int>(_batches.Length);
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(path);
        using (var provider = services.BuildServiceProvider())
        {
            var graph = provider.GetRequiredService<ICustomerGraph>();
            foreach (var batch in _batches)
            {
                accepted.Add(graph.IngestBatchAsync(batch).AsTask().GetAwaiter().GetResult().Accepted);
            }
        }

        var log = new List<LogRow>(Events);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq, event_id, occurred_at, payload FROM ecrm_log ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                if (seq != log.Count + 1 || reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3))
                {
                    throw new InvalidOperationException($"Expected log entry {log.Count + 1} to be an event, received entry {seq}.");
                }

                log.Add(new LogRow(seq, Encoding.UTF8.GetBytes(reader.GetString(1)), reader.GetInt64(2), (byte[])reader.GetValue(3)));
            }
        }

        if (log.Count != accepted.Sum())
        {
            throw new InvalidOperationException($"Expected {accepted.Sum()} log entries (the accepted events), received {log.Count}.");
        }

        var transactions = new List<LogRow[]>(_batches.Length);
        var next = 0;
        for (var b = 0; b < _batches.Length; b++)
        {
            if (accepted[b] == 0)
            {
                continue; // a batch with nothing new writes nothing and commits no transaction
            }

            var rows = log.GetRange(next, accepted[b]).ToArray();
            var ids = _batches[b].Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!ids.Contains(Encoding.UTF8.GetString(row.Id)))
                {
                    throw new InvalidOperationException($"Expected batch {b}'s transaction to hold its own events, received '{Encoding.UTF8.GetString(row.Id)}'.");
                }
            }

            transactions.Add(rows);
            next += accepted[b];
        }

        return [.. transactions]; // the file goes with the first iteration's clean-up
    }

    private void Cleanup()
    {
        _provider?.Dispose();
        _many?.Dispose(); // finalized before the connection closes, as the store's writer is
        _one?.Dispose();
        _bare?.Dispose();
        _provider = null;
        _many = null;
        _one = null;
        _bare = null;

        // The finished iteration's files go at once: left behind, their dirty pages are written back by the kernel
        // while later iterations run, which slowed the last iterations of a run by 10-30% (both methods alike).
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            File.Delete(file);
        }
    }

    /// <summary>One log row as the store wrote it: seq, UTF-8 event id, time in UTC ticks, JSON payload.</summary>
    private readonly record struct LogRow(long Seq, byte[] Id, long At, byte[] Payload);
}
