using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The graph's identity index: identity to node, an open-addressing table of (64-bit hash, node) slots with linear
/// probing. A look-up reads one slot (four to a cache line) and then the node it names, which it needs anyway, where a
/// <see cref="Dictionary{TKey, TValue}"/> reads a bucket, then an entry, then the node. The hash is XxHash3 with a
/// random per-process seed (crafted values cannot pile into one probe run), stored in the slot, so growing the table
/// rehashes no strings; equal hashes are confirmed by comparing the identities.
/// </summary>
internal sealed class IdentityIndex
{
    private Slot[] _slots = new Slot[LinearProbing.MinCapacity];
    private int _count;

    /// <summary>Gets the number of identities held.</summary>
    public int Count => _count;

    /// <summary>The hash of an identity (never 0, which marks an empty slot).</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The hash.</returns>
    public static ulong Hash(in Identity identity)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(identity.Value.AsSpan()), LinearProbing.Seed);
        if (identity.Scope is { } scope)
        {
            hash ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(scope.AsSpan()), LinearProbing.Seed ^ 0x5bd1e9955bd1e995L) * 0x9E3779B97F4A7C15UL;
        }

        var kind = identity.Kind.Name;
        hash ^= ((ulong)kind.Length << 56) ^ ((kind.Length > 0 ? kind[^1] : 0UL) << 48) ^ ((kind.Length > 1 ? kind[0] : 0UL) << 40);
        return hash == 0 ? 1 : hash;
    }

    /// <summary>Finds an identity's node.</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The node, or null.</returns>
    public IdentityNode? Find(in Identity identity) => Find(identity, Hash(identity));

    /// <summary>Finds an identity's node by its <see cref="Hash"/>.</summary>
    /// <param name="identity">The identity.</param>
    /// <param name="hash">Its hash.</param>
    /// <returns>The node, or null.</returns>
    public IdentityNode? Find(in Identity identity, ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Node is not { } node)
            {
                return null;
            }

            if (slot.Hash == hash && node.Identity.Equals(identity))
            {
                return node;
            }
        }
    }

    /// <summary>
    /// The first node whose slot holds <paramref name="hash"/>: almost always the identity's node, but unconfirmed (the
    /// caller compares identities, as <see cref="Find(in Identity, ulong)"/> does).
    /// </summary>
    /// <param name="hash">The hash.</param>
    /// <returns>The candidate, or null when no slot holds the hash.</returns>
    public IdentityNode? Candidate(ulong hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Node is null || slot.Hash == hash)
            {
                return slot.Node;
            }
        }
    }

    /// <summary>Reads the slot an identity's probe starts at, so a later look-up finds it in cache.</summary>
    /// <param name="hash">The identity's hash.</param>
    /// <returns>Anything; the read is the point.</returns>
    public ulong Touch(ulong hash) => _slots[(int)hash & (_slots.Length - 1)].Hash;

    /// <summary>Gets an identity's node, creating it with <paramref name="create"/> when absent.</summary>
    /// <typeparam name="TState">The creation state.</typeparam>
    /// <param name="identity">The identity.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <param name="state">Passed to <paramref name="create"/>.</param>
    /// <param name="create">Creates the node.</param>
    /// <param name="created">Whether it was created.</param>
    /// <returns>The node.</returns>
    public IdentityNode GetOrAdd<TState>(in Identity identity, ulong hash, TState state, Func<Identity, TState, IdentityNode> create, out bool created)
    {
        if (Find(identity, hash) is { } found)
        {
            created = false;
            return found;
        }

        if ((_count + 1) * 10 > _slots.Length * 6)
        {
            Grow();
        }

        var node = create(identity, state);
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (slots[i].Node is not null)
        {
            i = (i + 1) & mask;
        }

        slots[i] = new Slot(hash, node);
        _count++;
        created = true;
        return node;
    }

    /// <summary>Gets every node, in no particular order.</summary>
    public IEnumerable<IdentityNode> Nodes
    {
        get
        {
            foreach (var slot in _slots)
            {
                if (slot.Node is { } node)
                {
                    yield return node;
                }
            }
        }
    }

    private void Grow() => _slots = LinearProbing.Grow(_slots);

    private readonly record struct Slot(ulong Hash, IdentityNode? Node) : IProbeSlot
    {
        public bool IsEmpty => Node is null;
    }
}
