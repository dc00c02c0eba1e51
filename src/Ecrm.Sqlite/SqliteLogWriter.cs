using System.Buffers;
using System.Text;
using System.Text.Json;
using Ecrm.Serialization;
using Ecrm.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;
    private readonly sqlite3_stmt _undo;
    private readonly ArrayBufferWriter<byte> _payload = new(4096);
    private readonly Utf8JsonWriter _json;
    private byte[] _text = new byte[256];

    public SqliteLogWriter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _many = Prepare(InsertSql(RowsPerStatement));
        _one = Prepare(InsertSql(1));
        _undo = Prepare("INSERT INTO ecrm_log (seq, undo_merge) VALUES (?1, ?2)");
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
                Check(raw.sqlite3_bind_int64(_undo, 1, entries[i].Sequence));
                Check(raw.sqlite3_bind_text(_undo, 2, Utf8(merge)));
                Step(_undo);
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

            Step(statement);
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

    private void Bind(sqlite3_stmt statement, int row, StoreLogEntry entry)
    {
        var e = entry.Event!;
        var p = (row * 4) + 1;
        Check(raw.sqlite3_bind_int64(statement, p, entry.Sequence));
        Check(raw.sqlite3_bind_text(statement, p + 1, Utf8(e.Id)));
        Check(raw.sqlite3_bind_int64(statement, p + 2, e.OccurredAt.UtcTicks));
        _payload.ResetWrittenCount();
        _json.Reset();
        JsonSerializer.Serialize(_json, e, EcrmJsonContext.Readable.CustomerEvent);
        Check(raw.sqlite3_bind_blob(statement, p + 3, _payload.WrittenSpan)); // bound with SQLITE_TRANSIENT: copied
    }

    private ReadOnlySpan<byte> Utf8(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length < max)
        {
            _text = new byte[Math.Max(max, _text.Length * 2)];
        }

        return _text.AsSpan(0, Encoding.UTF8.GetBytes(value, _text));
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
