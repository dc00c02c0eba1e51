namespace Ecrm;

/// <summary>An event an ingestion accepted, with the customer it went to at that moment.</summary>
/// <param name="Event">The event, normalized.</param>
/// <param name="CustomerId">The customer's id right after the ingestion.</param>
public readonly record struct AcceptedEvent(CustomerEvent Event, string CustomerId);
