using System.Text;
using BenchmarkDotNet.Attributes;
using Ecrm.PostgreSql;
using Ecrm.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Ecrm.Benchmarks;

/// <summary>
/// PostgreSQL ingestion throughput on the seeded data set (100,000 events), into a new schema each iteration: the
/// PostgreSQL store through the public graph (advisory lock, catch-up, binary COPY and commit per batch of 1,000),
/// against a bare binary COPY of the same rows in one transaction. Needs a server: ECRM_POSTGRES holds its connection
/// string (eval "$(bash .ci/postgres.sh)" starts one). Target: at least 50,000 events/s.
/// </summary>
[BenchmarkCategory("storage")]
[InvocationCount(1)]
[IterationCount(6)]
public class PostgreSqlIngestionBenchmarks
{
    private const int Events = 100_000;
    private readonly string _connection = Environment.GetEnvironmentVariable("ECRM_POSTGRES")
        ?? throw new InvalidOperationException("PostgreSqlIngestionBenchmarks needs ECRM_POSTGRES (eval \"$(bash .ci/postgres.sh)\").");
    private CustomerEvent[][] _batches = [];
    private (string Id, long At, byte[] Payload)[] _rows = [];
    private ServiceProvider? _provider;
    private ICustomerGraph _graph = null!;
    private string _bareTable = string.Empty;
    private int _iteration;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var events = SeededEvents.InArrivalLayout(Events);
        _batches = events.Chunk(1_000).ToArray();
        _rows = [.. events.DistinctBy(e => e.Id).Select(e => (e.Id, e.OccurredAt.UtcTicks, Encoding.UTF8.GetBytes(EventJsonLines.Serialize(e))))];
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _provider?.Dispose();
        var schema = $"bench_{Environment.ProcessId}_{++_iteration}";
        var services = new ServiceCollection();
        services.AddEcrm().UsePostgreSqlStore(_connection, o => o.Schema = schema);
        _provider = services.BuildServiceProvider();
        _graph = _provider.GetRequiredService<ICustomerGraph>();
        _bareTable = $"{schema}.bare_log";
        using var connection = new NpgsqlConnection(_connection);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE TABLE {_bareTable} (seq BIGINT PRIMARY KEY, event_id TEXT, occurred_at BIGINT, undo_merge TEXT, payload BYTEA)", connection);
        create.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Floor: bare binary COPY of the same rows, one transaction")]
    public ulong BareCopy()
    {
        using var connection = new NpgsqlConnection(_connection);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var importer = connection.BeginBinaryImport($"COPY {_bareTable} (seq, event_id, occurred_at, payload) FROM STDIN (FORMAT BINARY)");
        long n = 0;
        foreach (var row in _rows)
        {
            importer.StartRow();
            importer.Write(++n, NpgsqlDbType.Bigint);
            importer.Write(row.Id, NpgsqlDbType.Text);
            importer.Write(row.At, NpgsqlDbType.Bigint);
            importer.Write(row.Payload, NpgsqlDbType.Bytea);
        }

        var written = importer.Complete();
        importer.Dispose();
        transaction.Commit();
        return written;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "PostgreSQL store: IngestBatchAsync (batches of 1,000)")]
    public Task<int> IngestIntoPostgreSql() => SeededEvents.IngestAsync(_graph, _batches);

    [GlobalCleanup]
    public void GlobalCleanup() => _provider?.Dispose();
}
