using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ecrm.Sqlite;

/// <summary>
/// A statement prepared once on the connection's native handle and run many times: values are bound straight to
/// SQLite (text through a reused UTF-8 buffer, blobs as spans, both copied by SQLite), so a row costs no ADO.NET
/// command, reader or boxed parameter. The log writer and the graph index write their rows through it; the caller
/// owns the transaction.
/// </summary>
internal sealed class SqliteNativeStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[256];

    public SqliteNativeStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds an integer to the 1-based parameter.</summary>
    public SqliteNativeStatement Bind(int parameter, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, parameter, value));
        return this;
    }

    /// <summary>Binds a real number to the 1-based parameter.</summary>
    public SqliteNativeStatement Bind(int parameter, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, parameter, value));
        return this;
    }

    /// <summary>Binds text (or NULL) to the 1-based parameter.</summary>
    public SqliteNativeStatement Bind(int parameter, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, parameter));
            return this;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length < max)
        {
            _text = new byte[Math.Max(max, _text.Length * 2)];
        }

        Check(raw.sqlite3_bind_text(_statement, parameter, _text.AsSpan(0, Encoding.UTF8.GetBytes(value, _text))));
        return this;
    }

    /// <summary>Binds a blob (or NULL, when <paramref name="isNull"/>) to the 1-based parameter.</summary>
    public SqliteNativeStatement Bind(int parameter, ReadOnlySpan<byte> value, bool isNull = false)
    {
        Check(isNull ? raw.sqlite3_bind_null(_statement, parameter) : raw.sqlite3_bind_blob(_statement, parameter, value));
        return this;
    }

    /// <summary>Runs the statement with the values bound, and makes it ready for the next row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
