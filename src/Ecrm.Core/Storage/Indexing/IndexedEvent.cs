namespace Ecrm.Storage;

/// <summary>A row of a store's placement table: the customer a logged event is attributed to.</summary>
/// <param name="Sequence">The event's log sequence.</param>
/// <param name="CustomerId">The live customer it is attributed to.</param>
public readonly record struct IndexedEvent(long Sequence, string CustomerId);
