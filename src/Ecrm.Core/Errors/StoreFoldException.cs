namespace Ecrm;

/// <summary>
/// Thrown when a batch's events were written to the durable log but folding them into the customer graph failed. The
/// events are kept: the graph is rebuilt from the log, so readers see what the log holds, observers hear of the
/// customers the batch changed with the next change set, and ingesting the batch again is safe (its events come back
/// as duplicates). <see cref="Exception.InnerException"/> says what failed.
/// </summary>
public sealed class StoreFoldException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventsStored">The batch's events the log holds.</param>
    /// <param name="rebuilt">Whether the graph was rebuilt from the log (otherwise it is rebuilt before the next write).</param>
    /// <param name="innerException">What failed.</param>
    public StoreFoldException(int eventsStored, bool rebuilt, Exception innerException)
        : base(
            $"Expected the batch ({eventsStored} new events, which the log now holds) to fold into the customer graph; received {innerException?.GetType().Name}: {innerException?.Message} "
            + (rebuilt
                ? "The graph was rebuilt from the log and shows them; ingesting the batch again is safe (its events are duplicates)."
                : "Rebuilding the graph from the log failed too: until the next write rebuilds it, the graph shows the part of the batch folded before the failure."),
            innerException)
    {
        EventsStored = eventsStored;
        Rebuilt = rebuilt;
    }

    /// <summary>Gets the number of the batch's events the log holds.</summary>
    public int EventsStored { get; }

    /// <summary>Gets whether the graph was rebuilt from the log at once.</summary>
    public bool Rebuilt { get; }
}
