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
internal sealed class SqliteGraphIndex : IGraphIndex
{
    private static readonly string[] Tables = ["ecrm_identities", "ecrm_customers", "ecrm_placements", "ecrm_references"];
    private readonly Func<SqliteConnection> _connection;
    private readonly SemaphoreSlim _gate;
    private readonly string _path;

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

    public async ValueTask<long> ReadSequenceAsync(CancellationToken cancellationToken)
        => await WithConnectionAsync(c => Convert.ToInt64(SqliteSchema.Scalar(c, "SELECT seq FROM ecrm_index WHERE id = 1") ?? 0L, System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);

    public async ValueTask WriteAsync(GraphIndexChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection();
            using var transaction = connection.BeginTransaction();
            if (changes.Replaces)
            {
                Clear(connection, transaction);
            }

            using (var delete = Command(connection, transaction, "DELETE FROM ecrm_customers WHERE id = $id", "$id"))
            {
                foreach (var id in changes.RemovedCustomers)
                {
                    delete.Run(id);
                }
            }

            using (var customer = Command(connection, transaction, "INSERT OR REPLACE INTO ecrm_customers VALUES ($id, $live, $founded, $event, $prospect, $merges, $conflicts, $merged)", "$id", "$live", "$founded", "$event", "$prospect", "$merges", "$conflicts", "$merged"))
            {
                foreach (var c in changes.Customers)
                {
                    customer.Run(
                        c.Id,
                        c.LiveId,
                        c.FoundedTicks,
                        c.FoundedEventId,
                        c.IsProspect ? 1 : 0,
                        c.Merges.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(c.Merges, EcrmJsonContext.Default.IReadOnlyListMergeRecord),
                        c.Conflicts.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(c.Conflicts, EcrmJsonContext.Default.IReadOnlyListIdentityConflict),
                        c.MergedIds.Count == 0 ? null : string.Join('\n', c.MergedIds));
                }
            }

            using (var forget = Command(connection, transaction, "DELETE FROM ecrm_identities WHERE kind = $kind AND scope = $scope AND value = $value", "$kind", "$scope", "$value"))
            {
                foreach (var i in changes.RemovedIdentities)
                {
                    forget.Run(i.Kind.Name, i.Scope ?? string.Empty, i.Value);
                }
            }

            using (var identity = Command(connection, transaction, "INSERT OR REPLACE INTO ecrm_identities VALUES ($kind, $scope, $value, $customer, $seen, $event)", "$kind", "$scope", "$value", "$customer", "$seen", "$event"))
            {
                foreach (var i in changes.Identities)
                {
                    identity.Run(i.Identity.Kind.Name, i.Identity.Scope ?? string.Empty, i.Identity.Value, i.CustomerId, i.FirstSeenTicks, i.FirstSeenEventId);
                }
            }

            using (var placement = Command(connection, transaction, "INSERT OR REPLACE INTO ecrm_placements VALUES ($seq, $customer)", "$seq", "$customer"))
            {
                foreach (var e in changes.Events)
                {
                    placement.Run(e.Sequence, e.CustomerId);
                }
            }

            using (var reference = Command(connection, transaction, "INSERT OR IGNORE INTO ecrm_references VALUES ($kind, $scope, $value, $seq)", "$kind", "$scope", "$value", "$seq"))
            {
                foreach (var r in changes.References)
                {
                    reference.Run(r.Identity.Kind.Name, r.Identity.Scope ?? string.Empty, r.Identity.Value, r.Sequence);
                }
            }

            var s = changes.Statistics;
            using (var state = Command(connection, transaction, "UPDATE ecrm_index SET seq = $seq, customers = $c, identities = $i, events = $e, merges = $m, conflicts = $x WHERE id = 1", "$seq", "$c", "$i", "$e", "$m", "$x"))
            {
                state.Run(changes.Sequence, s.Customers, s.Identities, s.Events, s.Merges, s.Conflicts);
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<(IndexedGraphStatistics Statistics, long Prospects)> ReadStatisticsAsync(CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = """
                    SELECT customers, identities, events, merges, conflicts,
                           (SELECT count(*) FROM ecrm_customers WHERE live_id IS NULL AND prospect = 1)
                    FROM ecrm_index WHERE id = 1
                    """;
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return (default(IndexedGraphStatistics), 0L);
                }

                return (new IndexedGraphStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)), reader.GetInt64(5));
            },
            cancellationToken);

    public ValueTask<IndexedIdentity?> FindIdentityAsync(Identity identity, CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT customer_id, first_seen, first_seen_event FROM ecrm_identities WHERE kind = $kind AND scope = $scope AND value = $value";
                command.Parameters.AddWithValue("$kind", identity.Kind.Name);
                command.Parameters.AddWithValue("$scope", identity.Scope ?? string.Empty);
                command.Parameters.AddWithValue("$value", identity.Value);
                using var reader = command.ExecuteReader();
                return reader.Read() ? new IndexedIdentity(identity, reader.GetString(0), reader.GetInt64(1), reader.GetString(2)) : null;
            },
            cancellationToken);

    public ValueTask<IndexedCustomer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT live_id, founded, founded_event, prospect, merges, conflicts, merged_ids FROM ecrm_customers WHERE id = $id";
                command.Parameters.AddWithValue("$id", customerId);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                return new IndexedCustomer(
                    customerId,
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.GetInt64(1),
                    reader.GetString(2),
                    reader.GetInt64(3) != 0,
                    reader.IsDBNull(4) ? [] : Json((byte[])reader.GetValue(4), EcrmJsonContext.Default.IReadOnlyListMergeRecord),
                    reader.IsDBNull(5) ? [] : Json((byte[])reader.GetValue(5), EcrmJsonContext.Default.IReadOnlyListIdentityConflict),
                    reader.IsDBNull(6) ? [] : reader.GetString(6).Split('\n'));
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<IndexedIdentity>> ReadIdentitiesAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<IndexedIdentity>>(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT kind, scope, value, first_seen, first_seen_event FROM ecrm_identities WHERE customer_id = $id";
                command.Parameters.AddWithValue("$id", customerId);
                using var reader = command.ExecuteReader();
                var rows = new List<IndexedIdentity>();
                while (reader.Read())
                {
                    rows.Add(new IndexedIdentity(IdentityOf(reader, 0), customerId, reader.GetInt64(3), reader.GetString(4)));
                }

                return rows;
            },
            cancellationToken);

    public ValueTask<IReadOnlyList<StoreLogEntry>> ReadEventsAsync(string customerId, CancellationToken cancellationToken)
        => WithConnectionAsync<IReadOnlyList<StoreLogEntry>>(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT l.seq, l.payload FROM ecrm_placements p JOIN ecrm_log l ON l.seq = p.seq WHERE p.customer_id = $id";
                command.Parameters.AddWithValue("$id", customerId);
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
                using var command = c.CreateCommand();
                command.CommandText = """
                    SELECT r.seq, p.customer_id, l.payload
                    FROM ecrm_references r JOIN ecrm_log l ON l.seq = r.seq LEFT JOIN ecrm_placements p ON p.seq = r.seq
                    WHERE r.kind = $kind AND r.scope = $scope AND r.value = $value
                    """;
                var kind = command.Parameters.Add("$kind", SqliteType.Text);
                var scope = command.Parameters.Add("$scope", SqliteType.Text);
                var value = command.Parameters.Add("$value", SqliteType.Text);
                var references = new List<IndexedReference>();
                var events = new Dictionary<long, CustomerEvent>();
                foreach (var identity in identities)
                {
                    kind.Value = identity.Kind.Name;
                    scope.Value = identity.Scope ?? string.Empty;
                    value.Value = identity.Value;
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var seq = reader.GetInt64(0);
                        references.Add(new IndexedReference(identity, seq, reader.IsDBNull(1) ? null : reader.GetString(1)));
                        if (!events.ContainsKey(seq))
                        {
                            events[seq] = Event(reader, 2, seq);
                        }
                    }
                }

                return (references, events);
            },
            cancellationToken);

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

        return JsonSerializer.Deserialize((byte[])reader.GetValue(at), EcrmJsonContext.Default.CustomerEvent)
            ?? throw new EcrmException($"SQLite store {_path}: expected an event in log entry {seq}, received null.");
    }

    private static Statement Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var bound = new SqliteParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i] = command.Parameters.Add(new SqliteParameter { ParameterName = parameters[i] }); // typed by the value bound
        }

        return new Statement(command, bound);
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

    /// <summary>A prepared statement run once per row.</summary>
    private sealed class Statement(SqliteCommand command, SqliteParameter[] parameters) : IDisposable
    {
        private bool _prepared;

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            if (!_prepared)
            {
                command.Prepare();
                _prepared = true;
            }

            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
