using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The graph's event index: event id to stored event, an open-addressing table of (64-bit hash, event) slots with
/// linear probing, like <see cref="IdentityIndex"/>. Its point is <see cref="Touch"/>: a batch hashes its ids first (outside the store's
/// lock) and reads every id's slot in one pass, whose reads do not depend on each other, so the processor overlaps the
/// cache misses that inserting one id after another would wait for in turn. The hash is XxHash3 with a random
/// per-process seed; equal hashes are confirmed by comparing ids.
/// </summary>
internal sealed class EventIndex
{
    private Slot[] _slots = new Slot[LinearProbing.MinCapacity];
    private int _count;

    /// <summary>Gets the number of events held.</summary>
    public int Count => _count;

    /// <summary>Gets every event held, in no particular order.</summary>
    public IEnumerable<StoredEvent> Values
    {
        get
        {
            foreach (var slot in _slots)
            {
                if (slot.Event is { } se)
                {
                    yield return se;
                }
            }
        }
    }

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
    /// <returns>The event, or null.</returns>
    public StoredEvent? Find(string id)
    {
        return _slots[IndexOf(id, Hash(id))].Event;
    }

    /// <summary>Gets the event with an id, or adds the one <paramref name="create"/> makes.</summary>
    /// <param name="id">The id.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <param name="create">Makes the event to add.</param>
    /// <param name="state">Passed to <paramref name="create"/>.</param>
    /// <param name="existing">Whether the id was held already (the event returned is then the one held).</param>
    /// <typeparam name="TState">The creation state.</typeparam>
    /// <returns>The event held under the id.</returns>
    public StoredEvent GetOrAdd<TState>(string id, ulong hash, Func<TState, StoredEvent> create, TState state, out bool existing)
    {
        if ((_count + 1) * 10 > _slots.Length * 6)
        {
            Grow();
        }

        ref var slot = ref _slots[IndexOf(id, hash)];
        if (slot.Event is { } held)
        {
            existing = true;
            return held;
        }

        var se = create(state);
        slot = new Slot(hash, se);
        _count++;
        existing = false;
        return se;
    }

    /// <summary>Removes an event by id (backward-shift deletion, so later probes never cross a hole).</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it was held.</returns>
    public bool Remove(string id)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = IndexOf(id, Hash(id));
        if (slots[i].Event is null)
        {
            return false;
        }

        // Shift back each later entry of the run whose home is at or before the hole (cyclically).
        var hole = i;
        for (var j = (hole + 1) & mask; slots[j].Event is not null; j = (j + 1) & mask)
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
            if (slot.Event is not { } se || (slot.Hash == hash && string.Equals(se.Key.Id, id, StringComparison.Ordinal)))
            {
                return i;
            }
        }
    }

    private void Grow() => _slots = LinearProbing.Grow(_slots);

    private readonly record struct Slot(ulong Hash, StoredEvent? Event) : IProbeSlot
    {
        public bool IsEmpty => Event is null;
    }
}
