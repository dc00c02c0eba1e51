using System.Buffers;
using Ecrm.Graph.Engine;

namespace Ecrm.Storage;

/// <summary>
/// One write's working set: the events in canonical order, the graph slots reserved for the new ones and their log
/// entries. The arrays are rented (a bulk load writes thousands of batches, and fresh arrays would be memory the
/// processor has never seen) and returned, cleared, when the write ends.
/// </summary>
internal sealed class WriteBatch : IDisposable
{
    private readonly int[]? _order;
    private readonly ulong[] _idHashes;
    private readonly StoredEvent?[] _reserved;
    private readonly StoreLogEntry[] _fresh;

    public WriteBatch(IReadOnlyList<CustomerEvent> events)
    {
        Events = events;
        _idHashes = ArrayPool<ulong>.Shared.Rent(events.Count);
        _order = CanonicalOrder(events, _idHashes);
        _reserved = ArrayPool<StoredEvent?>.Shared.Rent(events.Count);
        _fresh = ArrayPool<StoreLogEntry>.Shared.Rent(events.Count);
    }

    public IReadOnlyList<CustomerEvent> Events { get; }

    public int Count => Events.Count;

    /// <summary>Gets the slot reserved for each event, by canonical position (null: not new).</summary>
    public Span<StoredEvent?> Reserved => _reserved.AsSpan(0, Count);

    /// <summary>Gets the number of new events (log entries).</summary>
    public int FreshCount { get; private set; }

    /// <summary>Gets the log entries of the new events, in sequence (valid until the batch is disposed).</summary>
    public IReadOnlyList<StoreLogEntry> Fresh => new ArraySegment<StoreLogEntry>(_fresh, 0, FreshCount);

    /// <summary>Gets the sequence of the last new event.</summary>
    public long LastSequence => _fresh[FreshCount - 1].Sequence;

    /// <summary>The input position of the event at a canonical position.</summary>
    public int InputIndex(int canonical) => _order is null ? canonical : _order[canonical];

    /// <summary>The event at a canonical position.</summary>
    public CustomerEvent this[int canonical] => Events[InputIndex(canonical)];

    /// <summary>Gets the <see cref="EventIndex.Hash"/> of every event's id, in input order.</summary>
    public ReadOnlySpan<ulong> IdHashes => _idHashes.AsSpan(0, Count);

    /// <summary>The <see cref="EventIndex.Hash"/> of the id of the event at a canonical position (computed before the store's lock).</summary>
    public ulong IdHash(int canonical) => _idHashes[InputIndex(canonical)];

    /// <summary>Records the slot and log entry of a new event.</summary>
    public void AddFresh(int canonical, StoredEvent slot, long sequence)
    {
        _reserved[canonical] = slot;
        _fresh[FreshCount++] = StoreLogEntry.ForEvent(sequence, slot.Event);
    }

    public void Dispose()
    {
        ArrayPool<StoredEvent?>.Shared.Return(_reserved, clearArray: true);
        ArrayPool<StoreLogEntry>.Shared.Return(_fresh, clearArray: true);
        ArrayPool<ulong>.Shared.Return(_idHashes);
        if (_order is not null)
        {
            ArrayPool<int>.Shared.Return(_order);
        }
    }

    /// <summary>
    /// The indices of the events in canonical order (see <see cref="EventKey"/>), or null when they already are; fills
    /// <paramref name="idHashes"/> on the way.
    /// </summary>
    private static int[]? CanonicalOrder(IReadOnlyList<CustomerEvent> events, ulong[] idHashes)
    {
        var count = events.Count;
        var keys = ArrayPool<OrderKey>.Shared.Rent(count);
        try
        {
            // One pass reads each event once: its time into the keys, whether the batch is already in order, and the
            // hash of its id.
            var sorted = true;
            var previous = EventKey.MinValue;
            for (var i = 0; i < count; i++)
            {
                var key = EventKey.Of(events[i]);
                idHashes[i] = EventIndex.Hash(key.Id);
                keys[i] = new OrderKey(key.Ticks, i);
                sorted = sorted && previous.CompareTo(key) <= 0;
                previous = key;
            }

            if (sorted)
            {
                return null;
            }

            // Sorted as (ticks, position) pairs, which compare without touching the events; only equal times read the
            // ids. (Channels deliver some events late and some early, so a batch is rarely one ascending run plus a few.)
            keys.AsSpan(0, count).Sort(new OrderKeyComparer(events));
            var order = ArrayPool<int>.Shared.Rent(count);
            for (var i = 0; i < count; i++)
            {
                order[i] = keys[i].Position;
            }

            return order;
        }
        finally
        {
            ArrayPool<OrderKey>.Shared.Return(keys);
        }
    }

    private readonly record struct OrderKey(long Ticks, int Position);

    /// <summary>Time, then id (ordinal), then position: the canonical order, stable for equal keys.</summary>
    private readonly struct OrderKeyComparer(IReadOnlyList<CustomerEvent> events) : IComparer<OrderKey>
    {
        public int Compare(OrderKey x, OrderKey y)
        {
            if (x.Ticks != y.Ticks)
            {
                return x.Ticks < y.Ticks ? -1 : 1;
            }

            var c = string.CompareOrdinal(events[x.Position].Id, events[y.Position].Id);
            return c != 0 ? c : x.Position.CompareTo(y.Position);
        }
    }
}
