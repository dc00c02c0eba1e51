namespace Ecrm.Storage;

/// <summary>A row of a store's placement table: the customer a logged event is attributed to.</summary>
/// <param name="Sequence">The event's log sequence.</param>
/// <param name="CustomerId">The live customer it is attributed to.</param>
/// <param name="PreviousCustomerId">The customer the index placed it with until now (whose row is to be deleted), or null for a new event.</param>
public readonly record struct IndexedEvent(long Sequence, string CustomerId, string? PreviousCustomerId);
