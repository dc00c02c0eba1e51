using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// The store's schema and its forward migrations. The version lives in <c>PRAGMA user_version</c>; opening a file
/// applies every migration above it in one transaction, and refuses a file written by a newer SDK.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, in order: migration i brings the schema from version i to i + 1.</summary>
    public static readonly string[][] Migrations =
    [
        // 1: the log. seq orders the replay and finds entries to rewrite. No secondary index: the graph (rebuilt in
        // memory from the log, and the only writer thanks to the exclusive lock) knows every event id, so an index on
        // event_id would only double the cost of an insert.
        [
            """
            CREATE TABLE ecrm_log (
                seq         INTEGER PRIMARY KEY,
                event_id    TEXT,
                occurred_at INTEGER,
                undo_merge  TEXT,
                payload     BLOB,
                CHECK ((event_id IS NULL) <> (undo_merge IS NULL))
            )
            """,
        ],

        // 2: the erasure audit log (no personal data).
        [
            """
            CREATE TABLE ecrm_erasures (
                id                 TEXT PRIMARY KEY,
                customer_id        TEXT NOT NULL,
                pseudonym          TEXT NOT NULL,
                events_rewritten   INTEGER NOT NULL,
                identities_removed INTEGER NOT NULL,
                requested_by       TEXT NOT NULL,
                reason             TEXT,
                erased_at          TEXT NOT NULL
            )
            """,
        ],
    ];

    public static int Current => Migrations.Length;

    /// <summary>Brings the file's schema to <see cref="Current"/>.</summary>
    /// <exception cref="EcrmException">The file was written by a newer schema.</exception>
    public static int Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Current)
        {
            throw new EcrmException($"SQLite store {path}: expected schema version {Current} or older, received version {version} (written by a newer Ecrm.Sqlite).");
        }

        if (version == Current)
        {
            return version;
        }

        using var transaction = connection.BeginTransaction();
        for (var v = version; v < Current; v++)
        {
            foreach (var sql in Migrations[v])
            {
                Execute(connection, sql, transaction);
            }
        }

        Execute(connection, $"PRAGMA user_version = {Current}", transaction);
        transaction.Commit();
        return version;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
