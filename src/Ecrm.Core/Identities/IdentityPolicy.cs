using System.Collections.Frozen;

namespace Ecrm;

/// <summary>The compiled, read-only identity policy: strength, uniqueness, priority and sharing limit of each identity kind.</summary>
internal sealed class IdentityPolicy
{
    private static readonly IdentityKindOptions Fallback = new();
    private readonly FrozenDictionary<IdentityKind, IdentityKindOptions> _kinds;

    public IdentityPolicy(EcrmOptions options)
    {
        _kinds = options.IdentityKinds.ToFrozenDictionary(
            kv => new IdentityKind(kv.Key),
            kv => new IdentityKindOptions { Strength = kv.Value.Strength, UniquePerCustomer = kv.Value.UniquePerCustomer, Priority = kv.Value.Priority, SharedAfter = kv.Value.SharedAfter });
    }

    public IdentityKindOptions this[IdentityKind kind] => _kinds.TryGetValue(kind, out var o) ? o : Fallback;
}
