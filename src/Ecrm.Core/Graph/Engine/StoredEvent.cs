namespace Ecrm.Graph.Engine;

/// <summary>
/// An event held by the graph: a record in the <see cref="EventIndex"/>'s array, named elsewhere by its handle (its
/// position there). A mutable struct: reach it by reference (<c>ref events[handle]</c>), never copy it to change it.
/// </summary>
internal struct StoredEvent(CustomerEvent e, long sequence, bool reserved)
{
    /// <summary>The event (null only in a removed record).</summary>
    public readonly CustomerEvent Event = e;

    /// <summary>The event's UTC time in ticks, the first part of its <see cref="Key"/>, kept here so orderings read no event.</summary>
    public readonly long Ticks = e.OccurredAt.UtcTicks;

    /// <summary>The event's position in its store's log (0 when the store keeps no log).</summary>
    public readonly long Sequence = sequence;

    /// <summary>The customer the event is attributed to; maintained by <see cref="GraphState"/>.</summary>
    public CustomerState? Customer;

    /// <summary>
    /// Whether the event's id is only reserved: the store holds the slot while it writes the log, and the event becomes
    /// visible when applied (see <see cref="GraphState.Reserve"/>).
    /// </summary>
    public bool Reserved = reserved;

    /// <summary>The customer the store's graph index last placed the event with (see <see cref="GraphIndexing"/>).</summary>
    public CustomerState? Indexed;

    /// <summary>
    /// Whether the event is held only for the references it makes to identities of a working set (see
    /// <see cref="GraphState.LoadReferences"/>): its own identities belong to customers not loaded, so it is never
    /// applied to them, never attributed and never indexed.
    /// </summary>
    public bool Stub;

    /// <summary>Gets the event's canonical key.</summary>
    public readonly EventKey Key => new(Ticks, Event.Id);
}
