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

    /// <summary>Gets or sets SQLite's page cache, in MiB. Default 32.</summary>
    public int CacheMiB { get; set; } = 32;

    /// <summary>
    /// Gets or sets how many pages the WAL may grow to before SQLite copies it into the database file (a checkpoint).
    /// Checkpoints are the main cost of many small ingestion transactions; the default, 10,000 pages (about 40 MB of
    /// WAL), keeps them rare. SQLite's own default is 1,000.
    /// </summary>
    public int CheckpointPages { get; set; } = 10_000;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">The path is missing or the timeout out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path) || Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            throw new EcrmException($"SqliteStoreOptions.Path: expected a file path, received '{Path}'.");
        }

        if (CacheMiB is < 1 or > 65_536 || CheckpointPages is < 100 or > 1_000_000)
        {
            throw new EcrmException($"SqliteStoreOptions: expected CacheMiB from 1 to 65,536 and CheckpointPages from 100 to 1,000,000, received {CacheMiB} and {CheckpointPages}.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new EcrmException($"SqliteStoreOptions.BusyTimeout: expected 0 to 10 minutes, received {BusyTimeout}.");
        }
    }
}
