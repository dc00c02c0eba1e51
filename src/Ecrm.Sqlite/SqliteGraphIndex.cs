using System.Text.Json;
using Ecrm.Serialization;
using Ecrm.Storage;
using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// The graph index of a SQLite store (<see cref="IGraphIndex"/>), in the store's file beside the log: tables keyed
/// for the reads of one customer (identity → customer, customer → events, the merged ids that name a customer, the
/// references that name an identity), written in one transaction after each unit of work. The store's connection and
/// its gate are shared: one statement runs at a time.
/// </summary>
internal sealed class SqliteGraphIndex : IGraphIndex, IDisposable
{
    private static readonly string[] Tables = ["ecrm_identities", "ecrm_customers", "ecrm_placements", "ecrm_references", "ecrm_shared", "ecrm_event_ids", "ecrm_kept_apart", "ecrm_merges"];
    private readonly Func<SqliteConnection> _connection;
    private readonly SemaphoreSlim _gate;
    private readonly string _path;
    private RowWriter? _writer; // prepared on the first write
    private readonly Dictionary<string, SqliteCommand> _reads = new(StringComparer.Ordinal); // prepared on first use, on _readsOn
    private SqliteConnection? _readsOn;

    public SqliteGraphIndex(Func<SqliteConnection> connection, SemaphoreSlim gate, string path)
    {
        _connection = connection;
        _gate = gate;
        _path = path;
    }

    /// <summary>Empties the index inside the caller's transaction (an erasure does, before its vacuum): no row of the erased customer survives, and the index is rewritten from the rebuilt graph.</summary>
    public static void Clear(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var table in Tables)
        {
            SqliteSchema.Execute(connection, $"DELETE FROM {table}", transaction);
        }

        SqliteSchema.Execute(connection, "UPDATE ecrm_index SET seq = 0", transaction);
    }

    public ValueTask<(long Sequence, string? Fingerprint)> ReadStateAsync(CancellationToken cancellationToken)
        => WithConnectionAsync<(long, string?)>(
            c =>
            {
                var command = Prepared(c, "SELECT seq, format FROM ecrm_index WHERE id = 1");
                using var reader = command.ExecuteReader();
                return reader.Read() ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (0L, null);
            },
            cancellationToken);

    public async ValueTask WriteAsync(GraphIndexChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection();
            using var transaction = connection.BeginTransaction();
            Write(changes, transaction);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes a unit of work's rows inside the caller's transaction (the caller holds the gate): with the log entries of the same unit of work, both or neither.</summary>
    public void Write(GraphIndexChanges changes, SqliteTransaction transaction)
    {
        var connection = _connection();
        if (changes.Replaces)
        {
            Clear(connection, transaction);
        }

        (_writer ??= new RowWriter(connection)).Write(changes);
    }

    /// <summary>Finalizes the prepared statements (before the store closes its connection).</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        DisposeReads();
    }

    /// <summary>
    /// A read's command, prepared once on the connection and kept (the caller holds the gate, so one runs at a time):
    /// a working set's load runs a few statements per identity, and preparing each anew cost more than running it.
    /// </summary>
    private SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        if (!ReferenceEquals(_readsOn, connection))
        {
            DisposeReads();
            _readsOn = connection;
        }

        if (!_reads.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _reads[sql] = command;
        }

        return command;
    }

    private void DisposeReads()
    {
        foreach (var command in _reads.Values)
        {
            command.Dispose();
        }

        _reads.Clear();
        _readsOn = null;
    }

    private static void Bind(SqliteCommand command, string name, object value) => Parameter(command, name, null).Value = value;

    private static SqliteParameter Parameter(SqliteCommand command, string name, SqliteType? type)
    {
        if (command.Parameters.Contains(name))
        {
            return command.Parameters[name];
        }

        return type is { } t ? command.Parameters.Add(name, t) : command.Parameters.Add(new SqliteParameter { ParameterName = name });
    }

    public ValueTask<(IndexedGraphStatistics Statistics, long Prospects)> ReadStatisticsAsync(CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                var command = Prepared(c, """
                    SELECT customers, identities, events, merges, conflicts,
                           (SELECT count(*) FROM ecrm_customers WHERE live_id IS NULL AND prospect = 1)
                    FROM ecrm_index WHERE id = 1
                    """);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return (default(IndexedGraphStatistics), 0L);
                }

                return (new IndexedGraphStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)), reader.GetInt64(5));
            },
            cancellationToken);

    public ValueTask<IndexedGraphStatistics> ReadSizesAsync(CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                var command = Prepared(c, "SELECT customers, identities, events, merges, conflicts FROM ecrm_index WHERE id = 1");
                using var reader = command.ExecuteReader();
                return reader.Read()
                    ? new IndexedGraphStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))
                    : default;
            },
            cancellationToken);

    public ValueTask<IndexedIdentity?> FindIdentityAsync(Identity identity, CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                var command = Prepared(c, "SELECT customer_id, first_seen, first_seen_event, first_ref FROM ecrm_identities WHERE kind = $kind AND scope = $scope AND value = $value");
                Bind(command, "$kind", identity.Kind.Name);
                Bind(command, "$scope", identity.Scope ?? string.Empty);
                Bind(command, "$value", identity.Value);
                using var reader = command.ExecuteReader();
                return reader.Read() ? new IndexedIdentity(identity, reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)) : null;
            },
            cancellationToken);

    public ValueTask<IndexedCustomer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                var command = Prepared(c, $"SELECT {CustomerColumns} FROM ecrm_customers WHERE id = $id");
                Bind(command, "$id", customerId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? CustomerOf(reader) : null;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<IndexedCustomer>> ReadComponentAsync(string component, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<IndexedCustomer>>(
            c =>
            {
                var command = Prepared(c, $"SELECT {CustomerColumns} FROM ecrm_customers WHERE component = $component");
                Bind(command, "$component", component);
                using var reader = command.ExecuteReader();
                var rows = new List<IndexedCustomer>();
                while (reader.Read())
                {
                    rows.Add(CustomerOf(reader));
                }

                return rows;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<IndexedSharedIdentity>> FindSharedAsync(IReadOnlyCollection<Identity> identities, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<IndexedSharedIdentity>>(
            c =>
            {
                var command = Prepared(c, "SELECT first_seen, first_seen_event, first_ref FROM ecrm_shared WHERE kind = $kind AND scope = $scope AND value = $value");
                var rows = new List<IndexedSharedIdentity>();
                ForEachIdentity(command, identities, (identity, reader) => rows.Add(new IndexedSharedIdentity(identity, reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2))));

                return rows;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<StoreLogEntry>> FindEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
        => ReadLogEntriesAsync("SELECT l.seq, l.payload FROM ecrm_event_ids i JOIN ecrm_log l ON l.seq = i.seq WHERE i.event_id = $key", eventIds, static (p, id) => p.Value = id, SqliteType.Text, cancellationToken);

    public ValueTask<IReadOnlyList<StoreLogEntry>> ReadEntriesAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
        => ReadLogEntriesAsync("SELECT seq, payload FROM ecrm_log WHERE seq = $key AND event_id IS NOT NULL", sequences, static (p, seq) => p.Value = seq, SqliteType.Integer, cancellationToken);

    public ValueTask<IReadOnlyList<IndexedKeptApart>> FindKeptApartAsync(IReadOnlyCollection<Identity> identities, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<IndexedKeptApart>>(
            c =>
            {
                var command = Prepared(c, "SELECT other_kind, other_scope, other_value FROM ecrm_kept_apart WHERE kind = $kind AND scope = $scope AND value = $value");
                var pairs = new List<IndexedKeptApart>();
                ForEachIdentity(command, identities, (identity, reader) => pairs.Add(new IndexedKeptApart(identity, IdentityOf(reader, 0))));
                return pairs;
            },
            cancellationToken);

    public ValueTask<string?> FindMergeAsync(string mergeId, CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                var command = Prepared(c, "SELECT customer_id FROM ecrm_merges WHERE merge_id = $id");
                Bind(command, "$id", mergeId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? reader.GetString(0) : null;
            },
            cancellationToken);

    private const string CustomerColumns = "id, live_id, founded, founded_event, prospect, merges, conflicts, merged_ids, component";

    private static IndexedCustomer CustomerOf(SqliteDataReader reader)
        => new(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetInt64(4) != 0,
            reader.IsDBNull(5) ? [] : Json((byte[])reader.GetValue(5), EcrmJsonContext.Default.IReadOnlyListMergeRecord),
            reader.IsDBNull(6) ? [] : Json((byte[])reader.GetValue(6), EcrmJsonContext.Default.IReadOnlyListIdentityConflict),
            reader.IsDBNull(7) ? [] : reader.GetString(7).Split('\n'),
            reader.IsDBNull(8) ? null : reader.GetString(8));

    private ValueTask<IReadOnlyList<StoreLogEntry>> ReadLogEntriesAsync<TKey>(string sql, IReadOnlyCollection<TKey> keys, Action<SqliteParameter, TKey> bind, SqliteType type, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<StoreLogEntry>>(
            c =>
            {
                var command = Prepared(c, sql);
                var key = Parameter(command, "$key", type);
                var rows = new List<StoreLogEntry>();
                foreach (var k in keys)
                {
                    bind(key, k);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var seq = reader.GetInt64(0);
                        rows.Add(StoreLogEntry.ForEvent(seq, Event(reader, 1, seq)));
                    }
                }

                return rows;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<IndexedIdentity>> ReadIdentitiesAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<IndexedIdentity>>(
            c =>
            {
                var command = Prepared(c, "SELECT kind, scope, value, first_seen, first_seen_event, first_ref FROM ecrm_identities WHERE customer_id = $id");
                Bind(command, "$id", customerId);
                using var reader = command.ExecuteReader();
                var rows = new List<IndexedIdentity>();
                while (reader.Read())
                {
                    rows.Add(new IndexedIdentity(IdentityOf(reader, 0), customerId, reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5)));
                }

                return rows;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<StoreLogEntry>> ReadEventsAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<StoreLogEntry>>(
            c =>
            {
                var command = Prepared(c, "SELECT l.seq, l.payload FROM ecrm_placements p JOIN ecrm_log l ON l.seq = p.seq WHERE p.customer_id = $id");
                Bind(command, "$id", customerId);
                using var reader = command.ExecuteReader();
                var rows = new List<StoreLogEntry>();
                while (reader.Read())
                {
                    var seq = reader.GetInt64(0);
                    rows.Add(StoreLogEntry.ForEvent(seq, Event(reader, 1, seq)));
                }

                return rows;
            },
            cancellationToken);

    public ValueTask<(IReadOnlyList<IndexedReference> References, IReadOnlyDictionary<long, CustomerEvent> Events)> ReadReferencesAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken)
        => WithConnectionAsync<(IReadOnlyList<IndexedReference>, IReadOnlyDictionary<long, CustomerEvent>)>(
            c =>
            {
                var command = Prepared(c, """
                    SELECT r.seq, r.actor_id, l.payload
                    FROM ecrm_references r JOIN ecrm_log l ON l.seq = r.seq
                    WHERE r.kind = $kind AND r.scope = $scope AND r.value = $value
                    """);
                var references = new List<IndexedReference>();
                var events = new Dictionary<long, CustomerEvent>();
                ForEachIdentity(command, identities, (identity, reader) =>
                {
                    var seq = reader.GetInt64(0);
                    references.Add(new IndexedReference(identity, seq, reader.GetString(1)));
                    if (!events.ContainsKey(seq))
                    {
                        events[seq] = Event(reader, 2, seq);
                    }
                });

                return (references, events);
            },
            cancellationToken);

    /// <summary>Runs a query keyed by ($kind, $scope, $value) once per identity, handing each row read to <paramref name="row"/>.</summary>
    private static void ForEachIdentity(SqliteCommand command, IEnumerable<Identity> identities, Action<Identity, SqliteDataReader> row)
    {
        var kind = Parameter(command, "$kind", SqliteType.Text);
        var scope = Parameter(command, "$scope", SqliteType.Text);
        var value = Parameter(command, "$value", SqliteType.Text);
        foreach (var identity in identities)
        {
            kind.Value = identity.Kind.Name;
            scope.Value = identity.Scope ?? string.Empty;
            value.Value = identity.Value;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                row(identity, reader);
            }
        }
    }

    private static Identity IdentityOf(SqliteDataReader reader, int at)
    {
        var scope = reader.GetString(at + 1);
        return new Identity(new IdentityKind(reader.GetString(at)), reader.GetString(at + 2), scope.Length == 0 ? null : scope);
    }

    private static T Json<T>(byte[] utf8, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        => JsonSerializer.Deserialize(utf8, type) ?? throw new JsonException($"Expected a {typeof(T).Name}, received null.");

    private CustomerEvent Event(SqliteDataReader reader, int at, long seq)
    {
        if (reader.IsDBNull(at))
        {
            throw new EcrmException($"SQLite store {_path}: expected an event in log entry {seq}, which the graph index places with a customer, received a merge undo.");
        }

        return EventJsonLines.Deserialize((byte[])reader.GetValue(at));
    }

    private async ValueTask<T> WithConnectionAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(_connection());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The index's write statements, prepared on the first write.</summary>
    private sealed class RowWriter(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteNativeStatement _deleteCustomer = new(connection, "DELETE FROM ecrm_customers WHERE id = ?1");
        private readonly SqliteNativeStatement _customer = new(connection, "INSERT OR REPLACE INTO ecrm_customers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        private readonly SqliteNativeStatement _deleteIdentity = new(connection, "DELETE FROM ecrm_identities WHERE kind = ?1 AND scope = ?2 AND value = ?3");
        private readonly SqliteNativeStatement _identity = new(connection, "INSERT OR REPLACE INTO ecrm_identities VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        private readonly SqliteNativeStatement _unplace = new(connection, "DELETE FROM ecrm_placements WHERE customer_id = ?1 AND seq = ?2");
        private readonly SqliteNativeStatement _placement = new(connection, "INSERT OR REPLACE INTO ecrm_placements VALUES (?1, ?2)");
        private readonly SqliteNativeStatement _reference = new(connection, "INSERT OR REPLACE INTO ecrm_references VALUES (?1, ?2, ?3, ?4, ?5)");
        private readonly SqliteNativeStatement _shared = new(connection, "INSERT OR REPLACE INTO ecrm_shared VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        private readonly SqliteNativeStatement _eventId = new(connection, "INSERT OR REPLACE INTO ecrm_event_ids VALUES (?1, ?2)");
        private readonly SqliteNativeStatement _keptApart = new(connection, "INSERT OR REPLACE INTO ecrm_kept_apart VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        private readonly SqliteNativeStatement _merge = new(connection, "INSERT OR REPLACE INTO ecrm_merges VALUES (?1, ?2)");
        private readonly SqliteNativeStatement _state = new(connection, "UPDATE ecrm_index SET seq = ?1, customers = ?2, identities = ?3, events = ?4, merges = ?5, conflicts = ?6, format = ?7 WHERE id = 1");

        // Each group in its table's key order: a b-tree is then walked once from left to right, each page in cache once.
        // Called once a flush with a long loop: optimized at once, not run in tier-0 code until on-stack replacement.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Write(GraphIndexChanges changes)
        {
            foreach (var id in changes.RemovedCustomers.Order(StringComparer.Ordinal))
            {
                _deleteCustomer.Bind(1, id).Run();
            }

            var customers = changes.Customers.ToArray();
            Array.Sort(customers, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            foreach (var c in customers)
            {
                var merges = c.Merges.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(c.Merges, EcrmJsonContext.Default.IReadOnlyListMergeRecord);
                var conflicts = c.Conflicts.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(c.Conflicts, EcrmJsonContext.Default.IReadOnlyListIdentityConflict);
                _customer.Bind(1, c.Id).Bind(2, c.LiveId).Bind(3, c.FoundedTicks).Bind(4, c.FoundedEventId).Bind(5, c.IsProspect ? 1 : 0)
                    .Bind(6, merges, merges is null).Bind(7, conflicts, conflicts is null)
                    .Bind(8, c.MergedIds.Count == 0 ? null : string.Join('\n', c.MergedIds)).Bind(9, c.Component)
                    .Run();
            }

            foreach (var i in changes.RemovedIdentities.Order(IdentityKeyOrder.Instance))
            {
                _deleteIdentity.Bind(1, i.Kind.Name).Bind(2, i.Scope ?? string.Empty).Bind(3, i.Value).Run();
            }

            var identities = changes.Identities.ToArray();
            Array.Sort(identities, static (a, b) => IdentityKeyOrder.Instance.Compare(a.Identity, b.Identity));
            foreach (var i in identities)
            {
                _identity.Bind(1, i.Identity.Kind.Name).Bind(2, i.Identity.Scope ?? string.Empty).Bind(3, i.Identity.Value)
                    .Bind(4, i.CustomerId).Bind(5, i.FirstSeenTicks).Bind(6, i.FirstSeenEventId).Bind(7, i.FirstReference).Run();
            }

            var shared = changes.SharedIdentities.ToArray();
            Array.Sort(shared, static (a, b) => IdentityKeyOrder.Instance.Compare(a.Identity, b.Identity));
            foreach (var i in shared)
            {
                _shared.Bind(1, i.Identity.Kind.Name).Bind(2, i.Identity.Scope ?? string.Empty).Bind(3, i.Identity.Value)
                    .Bind(4, i.FirstSeenTicks).Bind(5, i.FirstSeenEventId).Bind(6, i.FirstReference).Run();
            }

            var events = changes.Events.ToArray();
            foreach (var e in events.Where(e => e.PreviousCustomerId is not null).OrderBy(e => e.PreviousCustomerId, StringComparer.Ordinal).ThenBy(e => e.Sequence))
            {
                _unplace.Bind(1, e.PreviousCustomerId).Bind(2, e.Sequence).Run();
            }

            Array.Sort(events, static (a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId) is var c && c != 0 ? c : a.Sequence.CompareTo(b.Sequence));
            foreach (var e in events)
            {
                _placement.Bind(1, e.CustomerId).Bind(2, e.Sequence).Run();
            }

            var eventIds = changes.EventIds.ToArray();
            Array.Sort(eventIds, static (a, b) => string.CompareOrdinal(a.EventId, b.EventId));
            foreach (var e in eventIds)
            {
                _eventId.Bind(1, e.EventId).Bind(2, e.Sequence).Run();
            }

            foreach (var r in changes.References.OrderBy(r => r.Identity, IdentityKeyOrder.Instance).ThenBy(r => r.Sequence))
            {
                _reference.Bind(1, r.Identity.Kind.Name).Bind(2, r.Identity.Scope ?? string.Empty).Bind(3, r.Identity.Value).Bind(4, r.Sequence).Bind(5, r.ActorId).Run();
            }

            foreach (var k in changes.KeptApart.OrderBy(k => k.Identity, IdentityKeyOrder.Instance).ThenBy(k => k.Other, IdentityKeyOrder.Instance))
            {
                _keptApart.Bind(1, k.Identity.Kind.Name).Bind(2, k.Identity.Scope ?? string.Empty).Bind(3, k.Identity.Value)
                    .Bind(4, k.Other.Kind.Name).Bind(5, k.Other.Scope ?? string.Empty).Bind(6, k.Other.Value).Run();
            }

            foreach (var m in changes.Merges.OrderBy(m => m.MergeId, StringComparer.Ordinal))
            {
                _merge.Bind(1, m.MergeId).Bind(2, m.CustomerId).Run();
            }

            var s = changes.Statistics;
            _state.Bind(1, changes.Sequence).Bind(2, s.Customers).Bind(3, s.Identities).Bind(4, s.Events).Bind(5, s.Merges).Bind(6, s.Conflicts).Bind(7, changes.Fingerprint).Run();
        }

        public void Dispose()
        {
            _keptApart.Dispose();
            _merge.Dispose();
            _deleteCustomer.Dispose();
            _customer.Dispose();
            _deleteIdentity.Dispose();
            _identity.Dispose();
            _unplace.Dispose();
            _placement.Dispose();
            _reference.Dispose();
            _shared.Dispose();
            _eventId.Dispose();
            _state.Dispose();
        }
    }

    /// <summary>The order of the identity tables' primary key (kind, scope, value); ordinal, as SQLite's BINARY collation (they differ only beyond the BMP, which costs locality, not correctness).</summary>
    private sealed class IdentityKeyOrder : IComparer<Identity>
    {
        public static readonly IdentityKeyOrder Instance = new();

        public int Compare(Identity x, Identity y)
        {
            var c = string.CompareOrdinal(x.Kind.Name, y.Kind.Name);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Scope ?? string.Empty, y.Scope ?? string.Empty);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Value, y.Value);
        }
    }
}
