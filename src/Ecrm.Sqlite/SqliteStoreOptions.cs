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

    /// <summary>
    /// Gets or sets a value indicating whether the store keeps the graph index beside its log (default true): the
    /// identity directory, the customers and the placement of every event, so that an opening reads no log and reads
    /// cost one customer. Without it the store is the log alone, replayed whole by every opening, and ingestion skips
    /// the index's writes (see docs/stores.md for both costs).
    /// </summary>
    public bool KeepGraphIndex { get; set; } = true;

    /// <summary>
    /// Gets or sets how many graph-index rows may wait in memory before they are written (default 250,000, about a
    /// hundred thousand events). The rows are written when that many wait and when the store is disposed; a crash
    /// before then costs a replay of the log at the next opening, never a wrong read. Written alone, a batch's rows
    /// would cost a page of the file each.
    /// </summary>
    public int IndexFlushRows { get; set; } = 250_000;

    /// <summary>
    /// Gets or sets a value indicating whether, once the store has opened from its graph index, a write is applied to
    /// a working set loaded from the index (the customers of the components the batch touches, replayed from their
    /// events) rather than bringing the whole graph into memory (default true; needs <see cref="KeepGraphIndex"/>).
    /// The batch's log entries and index rows are then written in one transaction. A store whose log holds an undone
    /// merge, and any operation that needs every customer (a scan, an undo, an erasure), still bring the whole graph
    /// into memory; see docs/stores.md.
    /// </summary>
    public bool WritesOnWorkingSets { get; set; } = true;

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

        if (IndexFlushRows is < 1 or > 10_000_000)
        {
            throw new EcrmException($"SqliteStoreOptions.IndexFlushRows: expected 1 to 10,000,000, received {IndexFlushRows}.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new EcrmException($"SqliteStoreOptions.BusyTimeout: expected 0 to 10 minutes, received {BusyTimeout}.");
        }
    }
}
