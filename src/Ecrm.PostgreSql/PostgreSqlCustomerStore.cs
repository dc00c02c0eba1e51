using System.Runtime.CompilerServices;
using System.Text.Json;
using Ecrm.Privacy;
using Ecrm.Serialization;
using Ecrm.Storage;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace Ecrm.PostgreSql;

/// <summary>
/// The shared store: the customer graph's event log in PostgreSQL, replayed into each instance's in-memory graph (see
/// <see cref="EventSourcedCustomerStore"/>). Every write takes a transaction-scoped advisory lock for the schema, folds
/// in what other instances appended since, classifies the batch against the complete graph, appends the new entries by
/// binary COPY and commits. Writers are thereby ordered, and because the graph is order-free, every instance ends with
/// the graph a single process would have built from the same events.
/// </summary>
public sealed class PostgreSqlCustomerStore : EventSourcedCustomerStore
{
    private readonly NpgsqlDataSource _source;
    private readonly bool _ownsSource;
    private readonly string _schema;
    private readonly long _lockKey;
    private readonly ResiliencePipeline _retry;
    private NpgsqlConnection? _session;
    private NpgsqlTransaction? _transaction;
    private long _epoch;
    private readonly bool _listens;
    private readonly string _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private PostgreSqlChangeListener? _listener;

    /// <summary>
    /// Creates a store over the connection string of <paramref name="storeOptions"/> without connecting: the first
    /// operation, or <see cref="CustomerStore.OpenAsync"/> (which the hosted service of <c>AddEcrm</c> calls at
    /// start-up), opens it.
    /// </summary>
    /// <param name="options">The graph's options.</param>
    /// <param name="storeOptions">The connection and schema.</param>
    /// <exception cref="EcrmException">The store options are invalid.</exception>
    public PostgreSqlCustomerStore(EcrmOptions options, PostgreSqlStoreOptions storeOptions)
        : this(options, Validated(storeOptions, requireConnectionString: true), NpgsqlDataSource.Create(storeOptions.ConnectionString!), ownsSource: true)
    {
    }

    /// <summary>
    /// Creates a store over a data source the host already has (its connection pool, authentication, logging). The
    /// store does not dispose it. <see cref="PostgreSqlStoreOptions.ConnectionString"/> is not needed.
    /// </summary>
    /// <param name="options">The graph's options.</param>
    /// <param name="dataSource">The host's data source.</param>
    /// <param name="storeOptions">The schema and retries.</param>
    /// <exception cref="EcrmException">The store options are invalid.</exception>
    public PostgreSqlCustomerStore(EcrmOptions options, NpgsqlDataSource dataSource, PostgreSqlStoreOptions storeOptions)
        : this(options, Validated(storeOptions, requireConnectionString: false), dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsSource: false)
    {
    }

    private PostgreSqlCustomerStore(EcrmOptions options, PostgreSqlStoreOptions storeOptions, NpgsqlDataSource source, bool ownsSource)
        : base(options)
    {
        _source = source;
        _ownsSource = ownsSource;
        _schema = storeOptions.Schema;
        _listens = storeOptions.ListenForChanges;
        _channel = ("ecrm_changes_" + _schema)[..Math.Min(63, 13 + _schema.Length)]; // a wake-up only: a shared prefix costs a needless catch-up, nothing more
        _lockKey = (long)System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes("ecrm:" + _schema));
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<TimeoutException>(),
            MaxRetryAttempts = Math.Max(storeOptions.MaxRetries, 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        }).Build();
        var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        Metadata = new CustomerStoreMetadata("postgres", true, $"{builder.Host}:{builder.Port}/{builder.Database}/{_schema}");
    }

    /// <inheritdoc />
    public override CustomerStoreMetadata Metadata { get; }

    /// <summary>Opens a store: creates or migrates the schema (under an advisory lock), then replays the log.</summary>
    /// <param name="options">The graph's options.</param>
    /// <param name="storeOptions">The connection and schema.</param>
    /// <param name="cancellationToken">A token to cancel the open.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="EcrmException">The options are invalid, the server cannot be reached, or the schema is newer than this SDK.</exception>
    public static async Task<PostgreSqlCustomerStore> OpenAsync(EcrmOptions options, PostgreSqlStoreOptions storeOptions, CancellationToken cancellationToken = default)
    {
        var store = new PostgreSqlCustomerStore(options, storeOptions);
        try
        {
            await store.OpenAsync(null, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask OpenLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _retry.ExecuteAsync(async ct => await MigrateAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            _epoch = await ReadEpochAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new EcrmException($"PostgreSQL store {Metadata.Location}: expected a reachable server and a readable schema, received an error ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Starts listening for other instances' writes (when <see cref="PostgreSqlStoreOptions.ListenForChanges"/>): the listener's first catch-up folds in what was committed while the log was replayed.</remarks>
    protected override ValueTask OnOpenedAsync(CancellationToken cancellationToken)
    {
        if (_listens)
        {
            _listener ??= new PostgreSqlChangeListener(_source, _channel, _instance, HearChangesAsync);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Folds in what other instances committed and tells this instance's observers.</summary>
    private async Task HearChangesAsync(CancellationToken cancellationToken)
    {
        if (OpenStatus.State != Storage.StoreOpenState.Open)
        {
            return; // only an open store listens; a catch-up never opens it
        }

        var changes = await SynchronizeAsync(cancellationToken).ConfigureAwait(false);
        if (!changes.IsEmpty)
        {
            await PublishChangesElsewhereAsync(changes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the other instances, when the transaction commits, that this one wrote (the payload names it).</summary>
    private async Task NotifyAsync(NpgsqlConnection session, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", session, transaction);
        notify.Parameters.AddWithValue(_channel);
        notify.Parameters.AddWithValue(_instance);
        await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static PostgreSqlStoreOptions Validated(PostgreSqlStoreOptions storeOptions, bool requireConnectionString)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        storeOptions.Validate(requireConnectionString);
        return storeOptions;
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT id, customer_id, pseudonym, events_rewritten, identities_removed, requested_by, reason, erased_at FROM {_schema}.ecrm_erasures ORDER BY erased_at, id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ErasureRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new ErasureRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return records;
    }

    /// <inheritdoc />
    protected override async ValueTask<(IReadOnlyList<StoreLogEntry> Missed, bool Rebuild)> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(
            async ct =>
            {
                await CloseSessionAsync().ConfigureAwait(false);
                _session = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
                _transaction = await _session.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", _session, _transaction);
                lockCommand.Parameters.AddWithValue(_lockKey);
                await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        var epoch = await ReadEpochAsync(_session, cancellationToken).ConfigureAwait(false);
        if (epoch != _epoch)
        {
            _epoch = epoch; // another instance erased someone: this graph still holds their data
            return ([], true);
        }

        var missed = new List<StoreLogEntry>();
        await foreach (var entry in ReadEntriesAsync(_session!, _transaction, LastSequence, cancellationToken).ConfigureAwait(false))
        {
            missed.Add(entry);
        }

        return (missed, false);
    }

    /// <inheritdoc />
    protected override ValueTask EndWriteAsync() => CloseSessionAsync();

    /// <inheritdoc />
    protected override async ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken)
    {
        var (session, transaction) = Session();
        var payloads = new byte[]?[entries.Count];
        Parallel.For(0, entries.Count, i => payloads[i] = entries[i].Event is { } e ? EventJsonLines.SerializeToUtf8Bytes(e) : null);
        await using (var importer = await session.BeginBinaryImportAsync($"COPY {_schema}.ecrm_log (seq, event_id, occurred_at, undo_merge, payload) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await WriteOrNullAsync(importer, entry.Event?.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteOrNullAsync(importer, entry.Event?.OccurredAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await WriteOrNullAsync(importer, entry.UndoneMergeId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteOrNullAsync(importer, payloads[i], NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await NotifyAsync(session, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _transaction = null;
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StoreLogEntry> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _retry.ExecuteAsync(async ct => await _source.OpenConnectionAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await foreach (var entry in ReadEntriesAsync(connection, null, 0, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask RewriteAsync(IReadOnlyList<StoreLogEntry> events, ErasureRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(record);
        var (session, transaction) = Session();
        await using (var update = new NpgsqlCommand($"UPDATE {_schema}.ecrm_log SET payload = $1, occurred_at = $2 WHERE seq = $3 AND event_id = $4", session, transaction))
        {
            var payload = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            var at = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            var seq = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            var id = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            foreach (var entry in events)
            {
                payload.Value = EventJsonLines.SerializeToUtf8Bytes(entry.Event!);
                at.Value = entry.Event!.OccurredAt.UtcTicks;
                seq.Value = entry.Sequence;
                id.Value = entry.Event.Id;
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new EcrmException($"PostgreSQL store {Metadata.Location}: expected log entry {entry.Sequence} to hold event '{entry.Event.Id}', it does not; nothing was erased.");
                }
            }
        }

        await using (var audit = new NpgsqlCommand($"INSERT INTO {_schema}.ecrm_erasures VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", session, transaction))
        {
            audit.Parameters.AddWithValue(record.Id);
            audit.Parameters.AddWithValue(record.CustomerId);
            audit.Parameters.AddWithValue(record.Pseudonym);
            audit.Parameters.AddWithValue(record.EventsRewritten);
            audit.Parameters.AddWithValue(record.IdentitiesRemoved);
            audit.Parameters.AddWithValue(record.RequestedBy);
            audit.Parameters.AddWithValue((object?)record.Reason ?? DBNull.Value);
            audit.Parameters.AddWithValue(record.ErasedAt.ToUniversalTime());
            await audit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var bump = new NpgsqlCommand($"UPDATE {_schema}.ecrm_meta SET value = value + 1 WHERE key = 'erasure_epoch' RETURNING value", session, transaction))
        {
            _epoch = (long)(await bump.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await NotifyAsync(session, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _transaction = null;

        // Dead row versions keep the old bytes until vacuumed.
        await using var vacuum = new NpgsqlCommand($"VACUUM {_schema}.ecrm_log", session);
        await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await StopOpeningAsync().ConfigureAwait(false); // an opening may still be starting the listener
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await CloseSessionAsync().ConfigureAwait(false);
        if (_ownsSource)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopOpeningAsync().AsTask().GetAwaiter().GetResult();
            _listener?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _transaction?.Dispose();
            _session?.Dispose();
            if (_ownsSource)
            {
                _source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static ValueTask WriteOrNullAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? new ValueTask(importer.WriteNullAsync(cancellationToken)) : new ValueTask(importer.WriteAsync(value, type, cancellationToken));

    private async IAsyncEnumerable<StoreLogEntry> ReadEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT seq, undo_merge, payload FROM {_schema}.ecrm_log WHERE seq > $1 ORDER BY seq", connection, transaction);
        command.Parameters.AddWithValue(after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var seq = reader.GetInt64(0);
            yield return reader.IsDBNull(1)
                ? StoreLogEntry.ForEvent(seq, EventJsonLines.Deserialize(reader.GetFieldValue<byte[]>(2)))
                : StoreLogEntry.ForUndo(seq, reader.GetString(1));
        }
    }

    private async Task<long> ReadEpochAsync(NpgsqlConnection? connection, CancellationToken cancellationToken)
    {
        var own = connection is null ? await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            await using var command = new NpgsqlCommand($"SELECT value FROM {_schema}.ecrm_meta WHERE key = 'erasure_epoch'", connection ?? own, connection is null ? null : _transaction);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({_lockKey})", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {_schema}", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {_schema}.ecrm_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"INSERT INTO {_schema}.ecrm_meta VALUES ('schema_version', 0), ('erasure_epoch', 0) ON CONFLICT DO NOTHING", cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand($"SELECT value FROM {_schema}.ecrm_meta WHERE key = 'schema_version'", connection, transaction);
        var version = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (version > PostgreSqlSchema.Migrations.Length)
        {
            throw new EcrmException($"PostgreSQL store {Metadata.Location}: expected schema version {PostgreSqlSchema.Migrations.Length} or older, received version {version} (written by a newer Ecrm.PostgreSql).");
        }

        for (var v = (int)version; v < PostgreSqlSchema.Migrations.Length; v++)
        {
            foreach (var sql in PostgreSqlSchema.Migrations[v])
            {
                await Execute(connection, transaction, sql.Replace("{schema}", _schema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            }
        }

        await Execute(connection, transaction, $"UPDATE {_schema}.ecrm_meta SET value = {PostgreSqlSchema.Migrations.Length} WHERE key = 'schema_version'", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private (NpgsqlConnection Session, NpgsqlTransaction Transaction) Session() =>
        _session is not null && _transaction is not null
            ? (_session, _transaction)
            : throw new InvalidOperationException("A PostgreSQL store write ran outside its session.");

    private async ValueTask CloseSessionAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync().ConfigureAwait(false); // rolls back what was not committed, releasing the lock
            _transaction = null;
        }

        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            _session = null;
        }
    }
}
