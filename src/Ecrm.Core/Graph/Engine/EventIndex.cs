using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The graph's events: <see cref="StoredEvent"/> records addressed by handle (their position), in chunks of
/// <see cref="ChunkSize"/>, and an open-addressing table of (64-bit hash, handle) slots with linear probing from event
/// id to handle, like <see cref="IdentityIndex"/>. Records in chunks rather than an object each: a customer's event
/// list holds 4-byte handles, ingestion allocates 40 bytes an event here instead of a 64-byte object, and a
/// long-running host's collector marks and copies one array per thousand events instead of an object per event. Chunks
/// (of 40 KB, below the large-object threshold) rather than one growing array: growth copies nothing and allocates only
/// what is used. The table's point is <see cref="Touch"/>: a batch hashes its ids first (outside the store's lock) and
/// reads every id's slot in one pass, whose reads do not depend on each other, so the processor overlaps the cache
/// misses that inserting one id after another would wait for in turn. The hash is XxHash3 with a random per-process
/// seed; equal hashes are confirmed by comparing ids.
/// </summary>
internal sealed class EventIndex
{
    /// <summary>The handle that names no event.</summary>
    public const int None = -1;

    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private Slot[] _slots = new Slot[LinearProbing.MinCapacity];
    private StoredEvent[][] _chunks = [new StoredEvent[ChunkSize]];
    private int _count; // ids in the table
    private int _length; // records used (removed ones included until they are the last)

    /// <summary>Gets the number of events held.</summary>
    public int Count => _count;

    /// <summary>Gets the handles of every event held, in the order they were added.</summary>
    public IEnumerable<int> Handles
    {
        get
        {
            for (var h = 0; h < _length; h++)
            {
                if (this[h].Event is not null)
                {
                    yield return h;
                }
            }
        }
    }

    /// <summary>The record of an event. Records never move (growth adds chunks), so the reference stays valid until the event is removed.</summary>
    /// <param name="handle">The event's handle.</param>
    public ref StoredEvent this[int handle] => ref _chunks[handle >> ChunkBits][handle & (ChunkSize - 1)];

    /// <summary>The hash of an event id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The hash.</returns>
    public static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()), LinearProbing.Seed);

    /// <summary>Reads the slot an id's probe starts at, so that the look-up that follows finds it in cache.</summary>
    /// <param name="hash">The id's hash.</param>
    /// <returns>Anything; the read is the point.</returns>
    public ulong Touch(ulong hash) => _slots[(int)hash & (_slots.Length - 1)].Hash;

    /// <summary>Finds an event by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The event's handle, or <see cref="None"/>.</returns>
    public int Find(string id) => _slots[IndexOf(id, Hash(id))].Handle;

    /// <summary>Gets the event with an event's id, or adds the event.</summary>
    /// <param name="e">The event.</param>
    /// <param name="hash">The <see cref="Hash"/> of its id.</param>
    /// <param name="sequence">Its position in the store's log.</param>
    /// <param name="reserved">Whether it is added as reserved (see <see cref="StoredEvent.Reserved"/>).</param>
    /// <param name="existing">Whether the id was held already (the handle returned is then the held event's).</param>
    /// <returns>The handle of the event held under the id.</returns>
    public int GetOrAdd(CustomerEvent e, ulong hash, long sequence, bool reserved, out bool existing)
    {
        if ((_count + 1) * 10 > _slots.Length * 6)
        {
            _slots = LinearProbing.Grow(_slots);
        }

        ref var slot = ref _slots[IndexOf(e.Id, hash)];
        if (!slot.IsEmpty)
        {
            existing = true;
            return slot.Handle;
        }

        var handle = _length++;
        var chunk = handle >> ChunkBits;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        (_chunks[chunk] ??= new StoredEvent[ChunkSize])[handle & (ChunkSize - 1)] = new StoredEvent(e, sequence, reserved);
        slot = new Slot(hash, handle);
        _count++;
        existing = false;
        return handle;
    }

    /// <summary>Removes an event by id (backward-shift deletion, so later probes never cross a hole).</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it was held.</returns>
    public bool Remove(string id)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = IndexOf(id, Hash(id));
        var handle = slots[i].Handle;
        if (handle == None)
        {
            return false;
        }

        // Shift back each later entry of the run whose home is at or before the hole (cyclically).
        var hole = i;
        for (var j = (hole + 1) & mask; !slots[j].IsEmpty; j = (j + 1) & mask)
        {
            var home = (int)slots[j].Hash & mask;
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = default;
        _count--;

        // The record is dropped; the array shrinks past removed records at its end (a failed write's reservations).
        this[handle] = default;
        while (_length > 0 && this[_length - 1].Event is null)
        {
            _length--;
        }

        return true;
    }

    /// <summary>The index of the slot holding the id, or of the empty slot that ends its probe.</summary>
    private int IndexOf(string id, ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.IsEmpty || (slot.Hash == hash && string.Equals(this[slot.Handle].Event.Id, id, StringComparison.Ordinal)))
            {
                return i;
            }
        }
    }

    /// <summary>A slot: a hash and the handle plus one (0 marks an empty slot, so a new table needs no filling).</summary>
    private readonly struct Slot(ulong hash, int handle) : IProbeSlot
    {
        private readonly int _handlePlusOne = handle + 1;

        public ulong Hash { get; } = hash;

        public int Handle => _handlePlusOne - 1;

        public bool IsEmpty => _handlePlusOne == 0;
    }
}
