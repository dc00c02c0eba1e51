using System.Collections.ObjectModel;

namespace Ecrm;

/// <summary>The customers one ingestion (or merge undo) changed, for observers such as segments, scores and alerts.</summary>
/// <param name="Changed">Ids of customers created or updated (current ids), in no particular order.</param>
/// <param name="Removed">Ids that stopped being customers, each with the id it now resolves to (merged into).</param>
public sealed record CustomerChangeSet(IReadOnlyList<string> Changed, IReadOnlyDictionary<string, string> Removed)
{
    /// <summary>Gets an empty change set.</summary>
    public static CustomerChangeSet Empty { get; } = new([], ReadOnlyDictionary<string, string>.Empty);

    /// <summary>
    /// Gets the events this ingestion accepted (normalized), each with the id of the customer it went to, in the order
    /// given; empty for a merge undo. Observers that react to what happened (alerts, triggers) read these.
    /// </summary>
    public IReadOnlyList<AcceptedEvent> Events { get; init; } = [];

    /// <summary>
    /// Gets the customers whose personal data was just erased: observers holding copies of it (alert texts, caches)
    /// must drop them and re-read the customer from the store.
    /// </summary>
    public IReadOnlyList<string> Erased { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether another instance sharing the store made these changes (heard through
    /// <see cref="Storage.CustomerStore.OnChangedElsewhere"/>). Such a change set has no <see cref="Events"/>; an
    /// observer updates its state from it, but leaves reactions (a message, an alert) to the instance that made the
    /// change, so that they happen once.
    /// </summary>
    public bool FromElsewhere { get; init; }

    /// <summary>Gets a value indicating whether nothing changed.</summary>
    public bool IsEmpty => Changed.Count == 0 && Removed.Count == 0 && Erased.Count == 0;
}
