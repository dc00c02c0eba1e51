using System.Globalization;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The live customers by id, and the aliases that lead a retired id (merged away, or replaced by a rebuild) to the
/// customer it lives on in. Ids are deterministic: a customer's id is derived from the event that founded it and the
/// identity's position in that event, so every replay of the same events gives the same ids.
/// </summary>
/// <remarks>
/// In a store-held graph this is the customers table and its alias rows; a distributed host shards it by customer id.
/// </remarks>
internal sealed class CustomerDirectory
{
    /// <summary>The longest chain of aliases followed (each hop is a retirement: a merge or a rebuild).</summary>
    public const int MaxAliasHops = 256;
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    /// <summary>Gets the number of live customers.</summary>
    public int Count => _customers.Count;

    /// <summary>Gets the live customers.</summary>
    public IEnumerable<CustomerState> Live => _customers.Values;

    /// <summary>Gets the ids that were retired and lead to another customer (possibly through several hops).</summary>
    public IEnumerable<string> AliasIds => _aliases.Keys;

    /// <summary>Whether the customer is still in the graph (not merged away or replaced by a rebuild).</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>Whether it is live.</returns>
    public static bool IsLive(CustomerState customer) => !customer.Retired;

    /// <summary>Whether a live customer has the id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is live.</returns>
    public bool IsLiveId(string id) => _customers.ContainsKey(id);

    /// <summary>Resolves a customer id, following aliases, to the live id; null when unknown.</summary>
    /// <param name="id">Any id the customer had.</param>
    /// <returns>The live id, or null.</returns>
    public string? ResolveId(string id)
    {
        for (var hops = 0; hops < MaxAliasHops; hops++)
        {
            if (_customers.ContainsKey(id))
            {
                return id;
            }

            if (!_aliases.TryGetValue(id, out var next))
            {
                return null;
            }

            id = next;
        }

        return null;
    }

    /// <summary>The id a customer goes by now: its own while live, else that of the customer it lives on in.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The live id, or null.</returns>
    public string? LiveIdOf(CustomerState customer) => customer.Retired ? ResolveId(customer.Id) : customer.Id;

    /// <summary>Finds the live customer by any id it had.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The customer, or null.</returns>
    public CustomerState? Find(string id) => ResolveId(id) is { } live ? _customers[live] : null;

    /// <summary>Adds a customer founded by an event's identity, under the id derived from them.</summary>
    /// <param name="key">The founding event's key.</param>
    /// <param name="ordinal">The founding identity's position in the event.</param>
    /// <param name="founding">The founding identity.</param>
    /// <returns>The new customer (no identity attached yet).</returns>
    public CustomerState Create(EventKey key, int ordinal, IdentityNode founding)
    {
        var ordinalText = ordinal.ToString(CultureInfo.InvariantCulture);
        var id = DeterministicId.Create("cus_", key.Id, ordinalText);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out var taken);
        for (var attempt = 1; taken; attempt++)
        {
            // A hash collision with a live customer (only ever seen with crafted event ids): derive another id.
            id = DeterministicId.Create("cus_", key.Id, ordinalText, attempt.ToString(CultureInfo.InvariantCulture));
            slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out taken);
        }

        // An alias left under this id by an earlier generation is removed when a rebuild ends (see Revive).
        var c = new CustomerState(id, key, ordinal, founding);
        slot = c;
        return c;
    }

    /// <summary>Retires a customer merged into another: its id becomes an alias of the survivor's.</summary>
    /// <param name="loser">The customer merged away.</param>
    /// <param name="survivor">The customer it lives on in.</param>
    public void Retire(CustomerState loser, CustomerState survivor)
    {
        _customers.Remove(loser.Id);
        loser.Retired = true;
        _aliases[loser.Id] = survivor.Id;
    }

    /// <summary>Retires a customer that a rebuild replaces; <see cref="Alias(string, CustomerState)"/> says where its id leads afterwards.</summary>
    /// <param name="customer">The customer.</param>
    public void Remove(CustomerState customer)
    {
        _customers.Remove(customer.Id);
        customer.Retired = true;
    }

    /// <summary>Leads a retired id to a live customer.</summary>
    /// <param name="id">The retired id.</param>
    /// <param name="live">The live customer.</param>
    public void Alias(string id, CustomerState live) => _aliases[id] = live.Id;

    /// <summary>Leads a retired id to another id (live, or itself retired: a chain), as a store's index holds it.</summary>
    /// <param name="id">The retired id.</param>
    /// <param name="target">The id it leads to.</param>
    public void Alias(string id, string target) => _aliases[id] = target;

    /// <summary>The id a retired id leads to directly (the customer that took it in, live or retired since), or null.</summary>
    /// <param name="id">The retired id.</param>
    /// <returns>The next id of its chain.</returns>
    public string? AliasTarget(string id) => _aliases.TryGetValue(id, out var target) ? target : null;

    /// <summary>Drops the alias a live customer's id may have had from an earlier generation.</summary>
    /// <param name="live">The live customer.</param>
    public void Revive(CustomerState live) => _aliases.Remove(live.Id);
}
