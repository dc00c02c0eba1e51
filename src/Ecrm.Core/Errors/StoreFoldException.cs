namespace Ecrm;

/// <summary>
/// Thrown when a change (a batch's events, or an undo) was written to the durable log but folding it into the customer
/// graph failed. The change is kept: the graph is rebuilt from the log, so readers see what the log holds, observers
/// hear of the customers it changed with the next change set, and ingesting a batch again is safe (its events come
/// back as duplicates). <see cref="Exception.InnerException"/> says what failed.
/// </summary>
public sealed class StoreFoldException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entriesStored">The change's entries the log holds (a batch's new events, or one undo).</param>
    /// <param name="rebuilt">Whether the graph was rebuilt from the log (otherwise it is rebuilt before the next write).</param>
    /// <param name="innerException">What failed.</param>
    public StoreFoldException(int entriesStored, bool rebuilt, Exception innerException)
        : base(
            $"Expected the change ({entriesStored} log entries, which the log now holds) to fold into the customer graph; received {innerException?.GetType().Name}: {innerException?.Message} "
            + (rebuilt
                ? "The graph was rebuilt from the log and shows the change; ingesting a batch again is safe (its events are duplicates)."
                : "Rebuilding the graph from the log failed too: until the next write rebuilds it, the graph shows what was folded before the failure."),
            innerException)
    {
        EntriesStored = entriesStored;
        Rebuilt = rebuilt;
    }

    /// <summary>Gets the number of the change's entries the log holds (a batch's new events, or one undo).</summary>
    public int EntriesStored { get; }

    /// <summary>Gets whether the graph was rebuilt from the log at once.</summary>
    public bool Rebuilt { get; }
}
