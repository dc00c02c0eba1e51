namespace Ecrm.Sqlite;

/// <summary>Where the SQLite store keeps its file and how hard it syncs.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets the database file's path; its folder is created on first use. Required.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Gets or sets whether every commit waits for the disk (<c>synchronous=FULL</c>). The default, false, is
    /// <c>synchronous=NORMAL</c> in WAL mode: a committed batch survives a crash of the process (SIGKILL included); only
    /// an operating-system crash or power loss may lose the last commits, never corrupt the file.
    /// </summary>
    public bool SyncEveryCommit { get; set; }

    /// <summary>Gets or sets how long a statement waits for a lock held elsewhere. Default 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">The path is missing or the timeout out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path) || Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            throw new EcrmException($"SqliteStoreOptions.Path: expected a file path, received '{Path}'.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new EcrmException($"SqliteStoreOptions.BusyTimeout: expected 0 to 10 minutes, received {BusyTimeout}.");
        }
    }
}
