namespace Ecrm.Graph.Engine;

/// <summary>
/// The canonical order of events: by UTC time, then by event id (ordinal). The graph's result is defined as the result
/// of applying events in this order, whatever order they arrive in.
/// </summary>
internal readonly record struct EventKey(long Ticks, string Id) : IComparable<EventKey>
{
    public static readonly EventKey MinValue = new(long.MinValue, string.Empty);

    public int CompareTo(EventKey other)
    {
        var c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public static bool operator <(EventKey a, EventKey b) => a.CompareTo(b) < 0;

    public static bool operator >(EventKey a, EventKey b) => a.CompareTo(b) > 0;

    public static EventKey Of(CustomerEvent e) => new(e.OccurredAt.UtcTicks, e.Id);
}
