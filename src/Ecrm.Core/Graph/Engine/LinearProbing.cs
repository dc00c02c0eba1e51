using System.Security.Cryptography;

namespace Ecrm.Graph.Engine;

/// <summary>A slot of an open-addressing table with linear probing: a stored hash, and a value or nothing.</summary>
internal interface IProbeSlot
{
    /// <summary>Gets the hash of the value held.</summary>
    ulong Hash { get; }

    /// <summary>Gets a value indicating whether the slot holds nothing.</summary>
    bool IsEmpty { get; }
}

/// <summary>What the graph's open-addressing tables (<see cref="IdentityIndex"/>, <see cref="EventIndex"/>) share.</summary>
internal static class LinearProbing
{
    /// <summary>The smallest table (a power of two).</summary>
    public const int MinCapacity = 64;

    /// <summary>
    /// The tables' hash seed, random per process, so that crafted keys cannot be made to pile into one probe run.
    /// </summary>
    public static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// A table twice the size holding the same slots, placed by their stored hashes (no key is hashed again). Slots are
    /// read in order and land in two ascending runs of the new table, so growth walks memory rather than jumping.
    /// </summary>
    /// <typeparam name="TSlot">The slot type.</typeparam>
    /// <param name="old">The full table (a power-of-two length).</param>
    /// <returns>The new table.</returns>
    public static TSlot[] Grow<TSlot>(TSlot[] old)
        where TSlot : struct, IProbeSlot
    {
        var slots = new TSlot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.IsEmpty)
            {
                continue;
            }

            var i = (int)slot.Hash & mask;
            while (!slots[i].IsEmpty)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }

        return slots;
    }
}
