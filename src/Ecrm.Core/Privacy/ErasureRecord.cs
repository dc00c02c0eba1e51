namespace Ecrm.Privacy;

/// <summary>
/// The audit record of an erasure. It holds no personal data: the customer id (derived from an event id), a random
/// pseudonym that replaced the person's identities, counts, and who did it when and why.
/// </summary>
/// <param name="Id">The record's id.</param>
/// <param name="CustomerId">The erased customer's id (it stays: the anonymised events still form one customer).</param>
/// <param name="Pseudonym">The identity that replaced all of the person's identities (kind <c>erased</c>, a random value).</param>
/// <param name="EventsRewritten">How many events were rewritten (the customer's own and others' references to them).</param>
/// <param name="IdentitiesRemoved">How many identities the person had.</param>
/// <param name="RequestedBy">Who carried out the request.</param>
/// <param name="Reason">Why.</param>
/// <param name="ErasedAt">When.</param>
public sealed record ErasureRecord(
    string Id,
    string CustomerId,
    string Pseudonym,
    int EventsRewritten,
    int IdentitiesRemoved,
    string RequestedBy,
    string? Reason,
    DateTimeOffset ErasedAt);
