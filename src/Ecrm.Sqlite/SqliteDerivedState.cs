using Ecrm.Storage;
using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// The derived-state documents of a SQLite store (<see cref="IDerivedStateStore"/>), in two tables of the store's file:
/// <c>ecrm_derived</c> (one row per document) and <c>ecrm_derived_values</c> (a document's per-customer values, keyed by
/// document and customer, so that a read of one customer reads one row). The store's connection and gate are shared.
/// </summary>
internal sealed class SqliteDerivedState(Func<SqliteConnection> connection, SemaphoreSlim gate)
{
    /// <summary>Removes every document and value inside the caller's transaction (an erasure does, before its vacuum).</summary>
    public static void Clear(SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteSchema.Execute(connection, "DELETE FROM ecrm_derived", transaction);
        SqliteSchema.Execute(connection, "DELETE FROM ecrm_derived_values", transaction);
    }

    public async ValueTask<DerivedState?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection().CreateCommand();
            command.CommandText = "SELECT format, payload FROM ecrm_derived WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new DerivedState(name, reader.GetString(0), (byte[])reader.GetValue(1)) : null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<double?> ReadValueAsync(string name, string customerId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection().CreateCommand();
            command.CommandText = "SELECT value FROM ecrm_derived_values WHERE name = $name AND customer_id = $customer";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$customer", customerId);
            return command.ExecuteScalar() is double value ? value : null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<bool> WriteAsync(DerivedState state, IReadOnlyCollection<KeyValuePair<string, double>> values, int erasuresSeen, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var c = connection();
            using var transaction = c.BeginTransaction();
            using (var count = c.CreateCommand())
            {
                count.Transaction = transaction;
                count.CommandText = "SELECT count(*) FROM ecrm_erasures";
                if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != erasuresSeen)
                {
                    return false; // computed from data an erasure has changed since: the transaction rolls back on dispose
                }
            }

            using (var delete = c.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM ecrm_derived_values WHERE name = $name";
                delete.Parameters.AddWithValue("$name", state.Name);
                delete.ExecuteNonQuery();
            }

            using (var document = c.CreateCommand())
            {
                document.Transaction = transaction;
                document.CommandText = "INSERT OR REPLACE INTO ecrm_derived VALUES ($name, $format, $payload)";
                document.Parameters.AddWithValue("$name", state.Name);
                document.Parameters.AddWithValue("$format", state.Format);
                document.Parameters.Add("$payload", SqliteType.Blob).Value = state.Payload;
                document.ExecuteNonQuery();
            }

            if (values.Count > 0)
            {
                // In key order, so that the b-tree is filled from left to right.
                using var insert = new SqliteNativeStatement(c, "INSERT INTO ecrm_derived_values VALUES (?1, ?2, ?3)");
                foreach (var (customer, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    insert.Bind(1, state.Name).Bind(2, customer).Bind(3, value).Run();
                }
            }

            transaction.Commit();
            return true;
        }
        finally
        {
            gate.Release();
        }
    }
}
