namespace Ecrm;

/// <summary>The outcome of ingesting one event (a value: batches of millions allocate nothing per event for it).</summary>
/// <param name="EventId">The event id (null when the event had none).</param>
/// <param name="Status">What happened.</param>
/// <param name="CustomerId">The customer the event is attributed to (accepted and duplicate events).</param>
/// <param name="Error">Why it was rejected.</param>
public readonly record struct IngestResult(string? EventId, IngestStatus Status, string? CustomerId, EcrmException? Error);
