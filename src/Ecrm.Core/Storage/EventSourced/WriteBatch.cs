using Ecrm.Graph.Engine;

namespace Ecrm.Storage;

/// <summary>
/// One write's working set: the events in canonical order with their ids' hashes, the graph slots reserved for the new
/// ones, their log entries and their outcomes. A store keeps one spare batch (<see cref="Pool"/>) and reuses its
/// arrays: a bulk load writes thousands of batches, and a real-time feed thousands of one-event writes a second, and
/// fresh arrays would be allocations and memory the processor has not seen. Concurrent writers beyond the first get
/// batches of their own.
/// </summary>
internal sealed class WriteBatch : IDisposable
{
    private readonly Pool _pool;
    private ulong[] _idHashes = [];
    private int[] _reserved = [];
    private StoreLogEntry[] _fresh = [];
    private ApplyOutcome[] _outcomes = [];
    private OrderKey[] _keys = [];
    private int[] _order = [];
    private bool _ordered; // whether the input is already in canonical order (then _order is unused)

    private WriteBatch(Pool pool) => _pool = pool;

    public IReadOnlyList<CustomerEvent> Events { get; private set; } = [];

    public int Count => Events.Count;

    /// <summary>Gets the handle reserved for each event, by canonical position (<see cref="EventIndex.None"/>: not new).</summary>
    public Span<int> Reserved => _reserved.AsSpan(0, Count);

    /// <summary>Gets what applying each event did, by input position (filled by the store's fold).</summary>
    public Span<ApplyOutcome> Outcomes => _outcomes.AsSpan(0, Count);

    /// <summary>Gets the number of new events (log entries).</summary>
    public int FreshCount { get; private set; }

    /// <summary>Gets the log entries of the new events, in sequence (valid until the batch is disposed).</summary>
    public IReadOnlyList<StoreLogEntry> Fresh => new ArraySegment<StoreLogEntry>(_fresh, 0, FreshCount);

    /// <summary>Gets the sequence of the last new event.</summary>
    public long LastSequence => _fresh[FreshCount - 1].Sequence;

    /// <summary>Gets the <see cref="EventIndex.Hash"/> of every event's id, in input order.</summary>
    public ReadOnlySpan<ulong> IdHashes => _idHashes.AsSpan(0, Count);

    /// <summary>The input position of the event at a canonical position.</summary>
    public int InputIndex(int canonical) => _ordered ? canonical : _order[canonical];

    /// <summary>The event at a canonical position.</summary>
    public CustomerEvent this[int canonical] => Events[InputIndex(canonical)];

    /// <summary>The identities of the batch's events.</summary>
    public IReadOnlyList<Identity> Identities() => [.. Events.SelectMany(e => e.Identities)];

    /// <summary>The hash of the id of the event at a canonical position (computed before the store's lock).</summary>
    public ulong IdHash(int canonical) => _idHashes[InputIndex(canonical)];

    /// <summary>Records the reserved handle and log entry of a new event (the event at <paramref name="canonical"/>).</summary>
    public void AddFresh(int canonical, CustomerEvent e, int handle, long sequence)
    {
        _reserved[canonical] = handle;
        _fresh[FreshCount++] = StoreLogEntry.ForEvent(sequence, e);
    }

    /// <summary>Drops the batch's references and hands it back to its pool.</summary>
    public void Dispose()
    {
        var count = Count;
        Array.Clear(_fresh, 0, FreshCount);
        Array.Clear(_outcomes, 0, count);
        Array.Clear(_keys, 0, count);
        Events = [];
        FreshCount = 0;
        _pool.Return(this);
    }

    private void Begin(IReadOnlyList<CustomerEvent> events)
    {
        var count = events.Count;
        if (_idHashes.Length < count)
        {
            var capacity = Math.Max(count, Math.Clamp(2 * _idHashes.Length, 16, Pool.MaxKeptCapacity));
            _idHashes = new ulong[capacity];
            _reserved = new int[capacity];
            _fresh = new StoreLogEntry[capacity];
            _outcomes = new ApplyOutcome[capacity];
            _keys = new OrderKey[capacity];
            _order = new int[capacity];
        }

        Events = events;
        _reserved.AsSpan(0, count).Fill(EventIndex.None);
        _ordered = Order(events);
    }

    /// <summary>
    /// Puts the indices of the events in canonical order (see <see cref="EventKey"/>) in <see cref="_order"/>, hashing
    /// each id on the way; returns true, leaving the order unused, when the events already are in that order.
    /// </summary>
    private bool Order(IReadOnlyList<CustomerEvent> events)
    {
        // One pass reads each event once: its time into the keys, whether the batch is already in order, and the hash
        // of its id.
        var count = events.Count;
        var keys = _keys;
        var sorted = true;
        var previous = EventKey.MinValue;
        for (var i = 0; i < count; i++)
        {
            var key = EventKey.Of(events[i]);
            _idHashes[i] = EventIndex.Hash(key.Id);
            keys[i] = new OrderKey(key.Ticks, key.Id, i);
            sorted = sorted && previous.CompareTo(key) <= 0;
            previous = key;
        }

        if (sorted)
        {
            return true;
        }

        // Sorted as (ticks, id, position) keys that compare themselves: Span.Sort then calls CompareTo directly (a
        // comparer would be boxed and called through a delegate), and only equal times compare ids. (Channels deliver
        // some events late and some early, so a batch is rarely one ascending run plus a few.)
        keys.AsSpan(0, count).Sort();
        for (var i = 0; i < count; i++)
        {
            _order[i] = keys[i].Position;
        }

        return false;
    }

    /// <summary>A store's spare batch: one kept between writes (most writes follow one another), others made as needed.</summary>
    internal sealed class Pool
    {
        /// <summary>Batches larger than this are not kept, so one huge import does not pin its arrays for good.</summary>
        public const int MaxKeptCapacity = 16_384;
        private WriteBatch? _spare;

        /// <summary>A batch over <paramref name="events"/>, ordered and hashed; dispose it to hand it back.</summary>
        public WriteBatch Rent(IReadOnlyList<CustomerEvent> events)
        {
            var batch = Interlocked.Exchange(ref _spare, null) ?? new WriteBatch(this);
            batch.Begin(events);
            return batch;
        }

        public void Return(WriteBatch batch)
        {
            if (batch._idHashes.Length <= MaxKeptCapacity)
            {
                Volatile.Write(ref _spare, batch);
            }
        }
    }

    /// <summary>An event's place in canonical order: time, then id (ordinal), then input position (stable for equal keys).</summary>
    private readonly record struct OrderKey(long Ticks, string Id, int Position) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            if (Ticks != other.Ticks)
            {
                return Ticks < other.Ticks ? -1 : 1;
            }

            var c = string.CompareOrdinal(Id, other.Id);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }
}
