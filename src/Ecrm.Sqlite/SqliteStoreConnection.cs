using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// Opens the store's file with the store's settings: exclusive locking, WAL, the synchronous level, secure delete (an
/// erased person's bytes are overwritten, not left in free pages), the page cache and the checkpoint interval. The
/// store and the benchmark floor open their files through this one place, so they run with the same settings.
/// </summary>
internal static class SqliteStoreConnection
{
    /// <summary>Opens the file (created if missing) and applies the settings; the caller migrates it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The store's options.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="SqliteException">The file cannot be opened or is held by another process.</exception>
    /// <exception cref="EcrmException">The file system refuses WAL.</exception>
    public static SqliteConnection Open(string path, SqliteStoreOptions options)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)), // 0 would wait forever
        }.ToString());
        try
        {
            connection.Open();
            SqliteSchema.Execute(connection, $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}");
            SqliteSchema.Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");
            if (!string.Equals(SqliteSchema.Scalar(connection, "PRAGMA journal_mode = WAL") as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new EcrmException($"SQLite store {path}: expected WAL journal mode, the file system refused it.");
            }

            SqliteSchema.Execute(connection, options.SyncEveryCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            SqliteSchema.Execute(connection, "PRAGMA secure_delete = ON");
            SqliteSchema.Execute(connection, $"PRAGMA cache_size = -{options.CacheMiB * 1024}");
            SqliteSchema.Execute(connection, $"PRAGMA wal_autocheckpoint = {options.CheckpointPages}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
