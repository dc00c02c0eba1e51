namespace Ecrm.Storage;

/// <summary>
/// One entry of an event-sourced store's log: an accepted event, or the undoing of a merge. Replaying the entries in
/// sequence rebuilds the customer graph exactly. A value type: a store with a large log holds its entries in one
/// array rather than one object each, and a batch's entries cost the collector nothing.
/// </summary>
/// <param name="Sequence">The entry's position in the log, from 1.</param>
/// <param name="Event">The accepted event (normalized), or null for a merge undo.</param>
/// <param name="UndoneMergeId">The merge undone, or null for an event.</param>
public readonly record struct StoreLogEntry(long Sequence, CustomerEvent? Event, string? UndoneMergeId)
{
    /// <summary>Creates an event entry.</summary>
    /// <param name="sequence">The position.</param>
    /// <param name="e">The event.</param>
    /// <returns>The entry.</returns>
    public static StoreLogEntry ForEvent(long sequence, CustomerEvent e) => new(sequence, e, null);

    /// <summary>Creates a merge-undo entry.</summary>
    /// <param name="sequence">The position.</param>
    /// <param name="mergeId">The merge undone.</param>
    /// <returns>The entry.</returns>
    public static StoreLogEntry ForUndo(long sequence, string mergeId) => new(sequence, null, mergeId);
}
