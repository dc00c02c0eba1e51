using System.Buffers;
using System.Text;
using System.Text.Json;
using Ecrm.Serialization;
using Ecrm.Storage;
using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// Inserts log entries through statements prepared once on the connection's native handle. Events go in statements of
/// <see cref="RowsPerStatement"/> rows (one step shares the statement's fixed cost), payloads are serialised into one
/// reused buffer and bound as spans (SQLite copies them), and ids are encoded into another: appending allocates
/// nothing per event, so bulk ingestion adds no garbage collections to the graph's own. The caller owns the
/// transaction (BEGIN and COMMIT go through <see cref="SqliteConnection"/>).
/// </summary>
internal sealed class SqliteLogWriter : IDisposable
{
    /// <summary>The rows of the many-row statement (4 parameters each; well under SQLite's limit of 32,766).</summary>
    public const int RowsPerStatement = 32;
    private readonly SqliteNativeStatement _many;
    private readonly SqliteNativeStatement _one;
    private readonly SqliteNativeStatement _undo;
    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private readonly Utf8JsonWriter _json;

    public SqliteLogWriter(SqliteConnection connection)
    {
        _many = new SqliteNativeStatement(connection, InsertSql(RowsPerStatement));
        _one = new SqliteNativeStatement(connection, InsertSql(1));
        _undo = new SqliteNativeStatement(connection, "INSERT INTO ecrm_log (seq, undo_merge) VALUES (?1, ?2)");
        _json = new Utf8JsonWriter(_payload, new JsonWriterOptions { Indented = false, Encoder = EcrmJsonContext.Readable.Options.Encoder });
    }

    /// <summary>Inserts the entries, in order, inside the caller's transaction.</summary>
    /// <param name="entries">The entries.</param>
    public void Append(IReadOnlyList<StoreLogEntry> entries)
    {
        for (var i = 0; i < entries.Count;)
        {
            if (entries[i].UndoneMergeId is { } merge)
            {
                _undo.Bind(1, entries[i].Sequence).Bind(2, merge).Run();
                i++;
                continue;
            }

            var run = 1;
            while (run < RowsPerStatement && i + run < entries.Count && entries[i + run].Event is not null)
            {
                run++;
            }

            var statement = run == RowsPerStatement ? _many : _one;
            var rows = run == RowsPerStatement ? run : 1;
            for (var row = 0; row < rows; row++, i++)
            {
                Bind(statement, row, entries[i]);
            }

            statement.Run();
        }
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
        _undo.Dispose();
        _json.Dispose();
    }

    internal static string InsertSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ecrm_log (seq, event_id, occurred_at, payload) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            var p = (r * 4) + 1;
            sql.Append(r == 0 ? string.Empty : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $"(?{p},?{p + 1},?{p + 2},?{p + 3})");
        }

        return sql.ToString();
    }

    private void Bind(SqliteNativeStatement statement, int row, StoreLogEntry entry)
    {
        var e = entry.Event!;
        var p = (row * 4) + 1;
        statement.Bind(p, entry.Sequence).Bind(p + 1, e.Id).Bind(p + 2, e.OccurredAt.UtcTicks);
        _payload.ResetWrittenCount();
        _json.Reset();
        EventJsonLines.Write(_json, e);
        statement.Bind(p + 3, _payload.WrittenSpan); // bound with SQLITE_TRANSIENT: copied
    }
}
