namespace Ecrm.Storage;

/// <summary>A row of a store's event ids: where the log holds the event of an id (a write on a working set finds a batch's duplicates and reused ids through it).</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Sequence">Its log sequence.</param>
public readonly record struct IndexedEventId(string EventId, long Sequence);
