using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Ecrm.Graph.Engine;

/// <summary>
/// Equality for the graph's identity index: XxHash3 over the value and scope with a random per-process seed (fast on
/// the short strings identities are, and safe against crafted values that would all land in one bucket).
/// </summary>
internal sealed class IdentityComparer : IEqualityComparer<Identity>
{
    public static readonly IdentityComparer Instance = new();
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    public bool Equals(Identity x, Identity y) => x.Equals(y);

    public int GetHashCode(Identity obj)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(obj.Value.AsSpan()), Seed);
        if (obj.Scope is { } scope)
        {
            hash ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(scope.AsSpan()), Seed ^ 0x5bd1e995);
        }

        var kind = obj.Kind.Name;
        hash ^= (ulong)kind.Length * 0x9E3779B97F4A7C15UL ^ (kind.Length > 0 ? kind[^1] : 0UL);
        return (int)hash ^ (int)(hash >> 32);
    }
}
