using Ecrm.Graph.Engine;
using Ecrm.Privacy;

namespace Ecrm.Storage;

/// <summary>
/// What readers may no longer see while an erasure is written and the graph rebuilt: the erased customer, their
/// identities, and the old versions of the events being rewritten (reads of those get the rewritten versions).
/// </summary>
internal sealed class ErasureShield
{
    private readonly string _customerId;
    private readonly CustomerAnonymizer _anonymizer;
    private readonly Dictionary<string, CustomerEvent> _rewritten;

    public ErasureShield(string customerId, CustomerAnonymizer anonymizer, IEnumerable<StoreLogEntry> rewritten)
    {
        _customerId = customerId;
        _anonymizer = anonymizer;
        _rewritten = rewritten.Where(e => e.Event is not null).ToDictionary(e => e.Event!.Id, e => e.Event!, StringComparer.Ordinal);
    }

    /// <summary>Whether the live customer is the one being erased.</summary>
    public bool Hides(CustomerState customer) => Hides(customer.Id);

    /// <summary>Whether the customer id is that of the customer being erased.</summary>
    public bool Hides(string? customerId) => string.Equals(customerId, _customerId, StringComparison.Ordinal);

    /// <summary>Whether the identity is one of the erased customer's.</summary>
    public bool Hides(Identity identity) => _anonymizer.Erases(identity);

    /// <summary>Whether the conflict names the erased customer.</summary>
    public bool Hides(IdentityConflict conflict) => Hides(conflict.CustomerId) || Hides(conflict.OtherCustomerId);

    /// <summary>The event as it is being rewritten, or the one the graph holds.</summary>
    public CustomerEvent? Version(CustomerEvent? stored) => stored is not null && _rewritten.TryGetValue(stored.Id, out var rewritten) ? rewritten : stored;
}
