namespace Ecrm.Graph.Engine;

/// <summary>An event held by the graph, with its canonical key.</summary>
internal sealed class StoredEvent(CustomerEvent e)
{
    public CustomerEvent Event { get; } = e;

    public EventKey Key { get; } = EventKey.Of(e);

    /// <summary>The event's position in its store's log (0 when the store keeps no log).</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// Whether the event's id is only reserved: the store holds the slot while it writes the log, and the event becomes
    /// visible when applied (see <see cref="GraphState.Reserve"/>).
    /// </summary>
    public bool Reserved { get; set; }

    /// <summary>The customer the event is attributed to; maintained by <see cref="GraphState"/>.</summary>
    public CustomerState? Customer { get; set; }
}
