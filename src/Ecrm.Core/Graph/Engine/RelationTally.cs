namespace Ecrm.Graph.Engine;

/// <summary>
/// Counts a customer's relations to others (reposts, replies, referrals, both ways) as they are read, from the graph or
/// from a store's index, and orders them most frequent first.
/// </summary>
/// <param name="customerId">The customer whose relations these are (relations to itself are not counted).</param>
internal sealed class RelationTally(string customerId)
{
    private Dictionary<(string, RelationKind, RelationDirection), (long Count, EventKey Last)>? _map;

    /// <summary>Counts one relation.</summary>
    /// <param name="other">The other customer.</param>
    /// <param name="kind">What the event did.</param>
    /// <param name="direction">Who did it.</param>
    /// <param name="key">The event's key.</param>
    public void Add(string other, RelationKind kind, RelationDirection direction, EventKey key)
    {
        if (other == customerId)
        {
            return;
        }

        _map ??= [];
        var k = (other, kind, direction);
        _map[k] = _map.TryGetValue(k, out var v) ? (v.Count + 1, key > v.Last ? key : v.Last) : (1, key);
    }

    /// <summary>Counts what an event of another customer did to one of this customer's identities.</summary>
    /// <param name="identity">The identity the event names.</param>
    /// <param name="e">The event.</param>
    /// <param name="actorId">The customer of the event.</param>
    /// <param name="key">The event's key.</param>
    public void Inbound(Identity identity, CustomerEvent e, string actorId, EventKey key)
    {
        var p = e.Properties!;
        if (p.TargetAuthor == identity)
        {
            Add(actorId, CustomerProjections.KindOf(e.Type), RelationDirection.Inbound, key);
        }

        if (p.Referrer == identity)
        {
            Add(actorId, RelationKind.ReferredBy, RelationDirection.Inbound, key);
        }
    }

    /// <summary>The relations counted, most frequent first.</summary>
    /// <returns>The relations.</returns>
    public IReadOnlyList<CustomerRelation> Build()
    {
        if (_map is null)
        {
            return [];
        }

        return _map
            .Select(kv => new CustomerRelation(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value.Count, ProfileAccumulator.ToTime(kv.Value.Last)))
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.LastAt).ThenBy(r => r.OtherCustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.Kind).ThenBy(r => r.Direction)
            .ToArray();
    }
}
