namespace Ecrm;

/// <summary>
/// The canonical event: one thing a person did on one channel, as every channel adapter reports it. Events are the
/// only input of the customer graph; customers, profiles and counters are functions of the events ingested.
/// </summary>
/// <remarks>
/// A record, so adapters can derive variants with <c>with</c>; its equality compares lists by reference (ingestion
/// decides replays by content, not by <see cref="object.Equals(object)"/>).
/// Ingestion is idempotent on <see cref="Id"/>: replaying an event changes nothing. It is also order-free: any
/// permutation of the same events yields the same customers and profiles (see <c>docs/concepts.md</c>).
/// </remarks>
public sealed record CustomerEvent
{
    /// <summary>Gets the idempotency id: unique per event across all channels (1-128 characters, no control characters).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the channel the event came through.</summary>
    public required EventChannel Channel { get; init; }

    /// <summary>Gets what happened.</summary>
    public required EventType Type { get; init; }

    /// <summary>Gets when it happened. Stored in UTC; an offset other than zero is converted.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the identities seen together in this event (at least one). Seeing them together links them.</summary>
    public IReadOnlyList<Identity> Identities { get; init; } = [];

    /// <summary>Gets the profile attributes the channel reported about the person, if any.</summary>
    public ProfileAttributes? Profile { get; init; }

    /// <summary>Gets the typed properties of the event (amount, line items, text, rating, targets, codes, location).</summary>
    public EventProperties? Properties { get; init; }
}
