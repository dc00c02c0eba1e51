using System.Runtime.CompilerServices;
using System.Text.Json;
using Ecrm.Privacy;
using Ecrm.Serialization;
using Ecrm.Storage;
using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// The embedded durable store: the customer graph's event log in one SQLite file, replayed into the in-memory graph
/// when opened (see <see cref="EventSourcedCustomerStore"/>). Each ingestion call is one transaction, committed before
/// the call returns. WAL mode; the file is held exclusively, so a second process gets a clear error instead of a graph
/// that silently diverges. Erasure rewrites the events in place and then checkpoints and vacuums, with
/// <c>secure_delete</c> on, so the old bytes leave the file.
/// </summary>
public sealed class SqliteCustomerStore : EventSourcedCustomerStore, IDerivedStateStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private readonly string _path;
    private SqliteConnection? _connection; // opened by OpenLogAsync
    private SqliteLogWriter? _writer; // prepared on the first append
    private readonly SqliteGraphIndex _index;
    private readonly SqliteDerivedState _derived;

    /// <summary>
    /// Creates a store over a SQLite file without touching the file: the first operation, or
    /// <see cref="CustomerStore.OpenAsync"/> (which the hosted service of <c>AddEcrm</c> calls at start-up), opens it.
    /// </summary>
    /// <param name="options">The graph's options.</param>
    /// <param name="storeOptions">The file and sync settings.</param>
    /// <exception cref="EcrmException">The store options are invalid.</exception>
    public SqliteCustomerStore(EcrmOptions options, SqliteStoreOptions storeOptions)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        storeOptions.Validate();
        _options = storeOptions;
        _path = Path.GetFullPath(storeOptions.Path!);
        Metadata = new CustomerStoreMetadata("sqlite", true, _path);
        _index = new SqliteGraphIndex(() => Connection, _gate, _path);
        _derived = new SqliteDerivedState(() => Connection, _gate);
    }

    /// <inheritdoc />
    public override CustomerStoreMetadata Metadata { get; }

    /// <inheritdoc />
    /// <remarks>
    /// True: a batch's fold into the graph takes about half as long as serialising and inserting its rows, so it runs
    /// meanwhile on another core.
    /// </remarks>
    protected override bool FoldsWhileAppending => true;

    /// <inheritdoc />
    /// <remarks>The index's tables live in the same file (see the schema's version 3).</remarks>
    protected override IGraphIndex? Index => _options.KeepGraphIndex ? _index : null;

    /// <inheritdoc />
    protected override int IndexFlushRows => _options.IndexFlushRows;

    /// <inheritdoc />
    protected override async ValueTask<long> ReadLastSequenceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Convert.ToInt64(SqliteSchema.Scalar(Connection, "SELECT coalesce(max(seq), 0) FROM ecrm_log"), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gets the schema version the file had before this open (0 for a new file); migrations brought it up to date.</summary>
    public int OpenedAtSchemaVersion { get; private set; }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException($"SQLite store {_path} was used before it was opened.");

    /// <summary>Opens (or creates) a store: migrates the schema, then replays the log into the graph.</summary>
    /// <param name="options">The graph's options.</param>
    /// <param name="storeOptions">The file and sync settings.</param>
    /// <param name="cancellationToken">A token to cancel the replay.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="EcrmException">The options are invalid, the file is held by another process, or it was written by a newer schema.</exception>
    public static async Task<SqliteCustomerStore> OpenAsync(EcrmOptions options, SqliteStoreOptions storeOptions, CancellationToken cancellationToken = default)
    {
        var store = new SqliteCustomerStore(options, storeOptions);
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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not null)
            {
                return; // a previous opening got this far and failed in the replay: the file is open and migrated
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            SqliteConnection? connection = null;
            try
            {
                connection = SqliteStoreConnection.Open(_path, _options);
                OpenedAtSchemaVersion = SqliteSchema.Migrate(connection, _path);
                _connection = connection;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
            {
                connection?.Dispose();
                throw new EcrmException($"SQLite store {_path}: expected to hold the file alone, but another process has it open ({ex.Message}).", ex);
            }
            catch (SqliteException ex)
            {
                connection?.Dispose();
                throw new EcrmException($"SQLite store {_path}: expected a readable Ecrm database, received an error ({ex.Message}).", ex);
            }
            catch
            {
                connection?.Dispose();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT id, customer_id, pseudonym, events_rewritten, identities_removed, requested_by, reason, erased_at FROM ecrm_erasures ORDER BY erased_at, id";
            using var reader = command.ExecuteReader();
            var records = new List<ErasureRecord>();
            while (reader.Read())
            {
                records.Add(new ErasureRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    DateTimeOffset.Parse(reader.GetString(7), System.Globalization.CultureInfo.InvariantCulture)));
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<DerivedState?> ReadDerivedStateAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _derived.ReadAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<double?> ReadDerivedValueAsync(string name, string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _derived.ReadValueAsync(name, customerId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> WriteDerivedStateAsync(DerivedState state, IReadOnlyCollection<KeyValuePair<string, double>> values, int erasuresSeen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(values);
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _derived.WriteAsync(state, values, erasuresSeen, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = Connection.BeginTransaction();
            (_writer ??= new SqliteLogWriter(Connection)).Append(entries);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override bool WritesOnWorkingSets => _options.KeepGraphIndex && _options.WritesOnWorkingSets;

    /// <inheritdoc />
    protected override async ValueTask AppendWithIndexAsync(IReadOnlyList<StoreLogEntry> entries, GraphIndexChanges rows, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = Connection.BeginTransaction();
            (_writer ??= new SqliteLogWriter(Connection)).Append(entries);
            _index.Write(rows, transaction);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StoreLogEntry> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Read in pages so that the connection is not held while the graph folds a page in.
        long after = 0;
        while (true)
        {
            var page = new List<StoreLogEntry>(4096);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT seq, undo_merge, payload FROM ecrm_log WHERE seq > $after ORDER BY seq LIMIT 4096";
                command.Parameters.AddWithValue("$after", after);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var seq = reader.GetInt64(0);
                    page.Add(reader.IsDBNull(1)
                        ? StoreLogEntry.ForEvent(seq, Deserialize((byte[])reader.GetValue(2)))
                        : StoreLogEntry.ForUndo(seq, reader.GetString(1)));
                }
            }
            finally
            {
                _gate.Release();
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < 4096)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask RewriteAsync(IReadOnlyList<StoreLogEntry> events, ErasureRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var transaction = Connection.BeginTransaction())
            {
                using var update = Connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE ecrm_log SET payload = $payload, occurred_at = $at WHERE seq = $seq AND event_id = $id";
                var payload = update.Parameters.Add("$payload", SqliteType.Blob);
                var at = update.Parameters.Add("$at", SqliteType.Integer);
                var seq = update.Parameters.Add("$seq", SqliteType.Integer);
                var id = update.Parameters.Add("$id", SqliteType.Text);
                update.Prepare();
                foreach (var entry in events)
                {
                    var e = entry.Event!;
                    payload.Value = Serialize(entry);
                    at.Value = e.OccurredAt.UtcTicks;
                    seq.Value = entry.Sequence;
                    id.Value = e.Id;
                    if (update.ExecuteNonQuery() != 1)
                    {
                        throw new EcrmException($"SQLite store {_path}: expected log entry {entry.Sequence} to hold event '{e.Id}', it does not; nothing was erased.");
                    }
                }

                using var audit = Connection.CreateCommand();
                audit.Transaction = transaction;
                audit.CommandText = "INSERT INTO ecrm_erasures VALUES ($id, $customer, $pseudonym, $events, $identities, $by, $reason, $at)";
                audit.Parameters.AddWithValue("$id", record.Id);
                audit.Parameters.AddWithValue("$customer", record.CustomerId);
                audit.Parameters.AddWithValue("$pseudonym", record.Pseudonym);
                audit.Parameters.AddWithValue("$events", record.EventsRewritten);
                audit.Parameters.AddWithValue("$identities", record.IdentitiesRemoved);
                audit.Parameters.AddWithValue("$by", record.RequestedBy);
                audit.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
                audit.Parameters.AddWithValue("$at", record.ErasedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                audit.ExecuteNonQuery();
                SqliteGraphIndex.Clear(Connection, transaction); // rewritten from the rebuilt graph: nothing of the old rows survives
                SqliteDerivedState.Clear(Connection, transaction); // models that may name the customer: refitted later
                transaction.Commit();
            }

            // The old row versions sit in the WAL and in freed pages: move everything into the main file, rebuild it
            // without free pages (secure_delete zeroes what is freed), and empty the WAL.
            SqliteSchema.Execute(Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            SqliteSchema.Execute(Connection, "VACUUM");
            SqliteSchema.Execute(Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await StopOpeningAsync().ConfigureAwait(false); // an opening may still be creating the connection
        await StopReadingAsync().ConfigureAwait(false); // a replay or reads from the index may still use it
        await FlushIndexOnCloseAsync().ConfigureAwait(false);
        _writer?.Dispose(); // its statements are finalized before the connection closes
        _index.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false); // releases the exclusive lock
        }
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopOpeningAsync().AsTask().GetAwaiter().GetResult();
            StopReadingAsync().AsTask().GetAwaiter().GetResult();
            FlushIndexOnCloseAsync().AsTask().GetAwaiter().GetResult();
            _writer?.Dispose();
            _index.Dispose();
            _connection?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the last log sequence the graph index holds (for tests).</summary>
    internal async ValueTask<long> ReadIndexedSequenceAsync() => (await _index.ReadStateAsync(CancellationToken.None).ConfigureAwait(false)).Sequence;

    /// <summary>Writes the waiting index rows before the connection closes, so that the next opening reads the index; a failure only costs that opening a replay.</summary>
    private async ValueTask FlushIndexOnCloseAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await FlushIndexAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or EcrmException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static byte[]? Serialize(StoreLogEntry entry) =>
        entry.Event is { } e ? EventJsonLines.SerializeToUtf8Bytes(e) : null;

    private static CustomerEvent Deserialize(byte[] payload) => EventJsonLines.Deserialize(payload);
}
