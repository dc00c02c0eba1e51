namespace Ecrm.Graph.Engine;

/// <summary>
/// Finds the identities of a batch's reserved events before they are applied, in passes whose reads do not depend on
/// each other within a pass, so the processor overlaps their cache misses instead of waiting for each in turn while
/// applying. A speed-up only: <see cref="GraphState"/> looks up again whatever this did not find.
/// </summary>
internal sealed class BatchLookAhead
{
    private readonly EventIndex _events;
    private readonly IdentityIndex _identities;
    private IdentityNode?[] _nodes = [];
    private ulong[] _hashes = [];
    private int[] _handles = [];
    private int _count;
    private int _eventCount;
    private int _nextEvent;
    private int _next;
    private int _sink;

    public BatchLookAhead(EventIndex events, IdentityIndex identities)
    {
        _events = events;
        _identities = identities;
    }

    /// <summary>
    /// Reads the index slots of a batch's event ids (their <see cref="EventIndex.Hash"/>es) ahead of reserving them:
    /// the reads do not wait for each other, so their cache misses overlap instead of coming one per insert.
    /// </summary>
    public void TouchEventIds(ReadOnlySpan<ulong> hashes)
    {
        ulong sink = 0;
        foreach (var hash in hashes)
        {
            sink ^= _events.Touch(hash);
        }

        _sink ^= (int)sink; // kept, so the reads are not optimised away
    }

    /// <summary>
    /// Looks up the identities of reserved events in three passes (index slots, then candidate nodes, then identity
    /// values and customers). <see cref="TryTake"/> then hands out the nodes found, as long as the events come in the
    /// same order; identities not found yet are looked up again when applied (an earlier event of the batch may create
    /// them).
    /// </summary>
    public void Start(ReadOnlySpan<int> reserved)
    {
        var events = 0;
        var identities = 0;
        foreach (var handle in reserved)
        {
            if (handle != EventIndex.None)
            {
                events++;
                identities += _events[handle].Event.Identities.Count;
            }
        }

        if (_nodes.Length < identities)
        {
            _nodes = new IdentityNode?[Math.Max(identities, _nodes.Length * 2)];
        }

        if (_handles.Length < events)
        {
            _handles = new int[Math.Max(events, _handles.Length * 2)];
        }

        if (_hashes.Length < identities)
        {
            _hashes = new ulong[_nodes.Length];
        }

        // Stage 1: hash every identity and touch the slot its probe starts at (independent reads, overlapped).
        var pos = 0;
        var k = 0;
        ulong touched = 0;
        foreach (var handle in reserved)
        {
            if (handle == EventIndex.None)
            {
                continue;
            }

            _handles[k++] = handle;
            var list = _events[handle].Event.Identities;
            for (var i = 0; i < list.Count; i++)
            {
                var hash = IdentityIndex.Hash(list[i]);
                _hashes[pos++] = hash;
                touched ^= _identities.Touch(hash);
            }
        }

        // Stage 2: the candidate node of each hash (slots now in cache), touching the node.
        var sink = (int)touched;
        for (var i = 0; i < pos; i++)
        {
            var candidate = _identities.Candidate(_hashes[i]);
            _nodes[i] = candidate;
            sink += candidate?.Customer is null ? 0 : 1;
        }

        // Stage 3: confirm each candidate (its value now a read away), touching the customer and the end of its events.
        pos = 0;
        for (var e = 0; e < k; e++)
        {
            var list = _events[_handles[e]].Event.Identities;
            for (var i = 0; i < list.Count; i++, pos++)
            {
                var node = _nodes[pos];
                if (node is not null && !node.Identity.Equals(list[i]))
                {
                    node = _nodes[pos] = _identities.Find(list[i], _hashes[pos]); // a hash shared by two identities
                }

                if (node?.Customer is { } c)
                {
                    sink += c.Warm();
                }
            }
        }

        _sink = sink; // kept, so the reads that fill the cache are not optimised away
        _count = pos;
        _eventCount = k;
        _nextEvent = 0;
        _next = 0;
    }

    /// <summary>Takes what was found for the next event, if it is the event <paramref name="handle"/>.</summary>
    /// <param name="handle">The event about to be applied.</param>
    /// <param name="known">The nodes found, by identity (null: not found then).</param>
    /// <param name="hashes">The identities' hashes.</param>
    /// <returns>Whether the look-ahead covered the event.</returns>
    public bool TryTake(int handle, out ReadOnlySpan<IdentityNode?> known, out ReadOnlySpan<ulong> hashes)
    {
        if (_nextEvent < _eventCount && _handles[_nextEvent] == handle)
        {
            var count = _events[handle].Event.Identities.Count;
            known = _nodes.AsSpan(_next, count);
            hashes = _hashes.AsSpan(_next, count);
            _nextEvent++;
            _next += count;
            return true;
        }

        known = default;
        hashes = default;
        return false;
    }

    /// <summary>Forgets the look-ahead (after the batch, so it holds no references).</summary>
    public void End()
    {
        Array.Clear(_nodes, 0, _count);
        _count = 0;
        _eventCount = 0;
        _nextEvent = 0;
        _next = 0;
    }
}
