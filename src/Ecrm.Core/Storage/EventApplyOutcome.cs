namespace Ecrm.Storage;

/// <summary>What a store did with one event.</summary>
/// <param name="Status">Accepted, duplicate, or rejected (id reused with different content).</param>
/// <param name="CustomerId">The customer the event is attributed to, unless rejected.</param>
public readonly record struct EventApplyOutcome(IngestStatus Status, string? CustomerId);
