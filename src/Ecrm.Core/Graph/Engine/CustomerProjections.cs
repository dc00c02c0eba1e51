namespace Ecrm.Graph.Engine;

/// <summary>
/// What readers see of a customer, built from the graph's state: the profile (a fold over the customer's events, see
/// <see cref="ProfileAccumulator"/>), the timeline in pages, the relations to other customers, the merges and conflicts.
/// Reads only; <see cref="GraphState"/> keeps the state they read.
/// </summary>
internal sealed class CustomerProjections
{
    private readonly EventIndex _events;
    private readonly IdentityIndex _identities;
    private readonly CustomerDirectory _customers;
    private readonly string _defaultCurrency;

    public CustomerProjections(EventIndex events, IdentityIndex identities, CustomerDirectory customers, string defaultCurrency)
    {
        _events = events;
        _identities = identities;
        _customers = customers;
        _defaultCurrency = defaultCurrency;
    }

    /// <summary>Whether the customer has no purchase (a prospect).</summary>
    public bool IsProspect(CustomerState c) => c.Profile(_events, _defaultCurrency).Orders == 0;

    /// <summary>Builds the profile of a live customer.</summary>
    public CustomerProfile Profile(CustomerState c)
    {
        ref readonly var profile = ref c.Profile(_events, _defaultCurrency);
        var identities = new CustomerIdentity[c.Nodes.Length];
        var sorted = c.Nodes.ToArray();
        Array.Sort(sorted, IdentityNode.Compare);
        for (var i = 0; i < sorted.Length; i++)
        {
            identities[i] = new CustomerIdentity(sorted[i].Identity, ProfileAccumulator.ToTime(sorted[i].FirstSeen));
        }

        return new CustomerProfile
        {
            Id = c.Id,
            Identities = identities,
            Traits = profile.Traits(),
            Channels = profile.Channels(),
            // A customer known only from a reference or a conflict split has no events: it was seen when founded.
            FirstSeenAt = ProfileAccumulator.ToTime(c.EventCount > 0 ? profile.First : c.Founded),
            LastSeenAt = ProfileAccumulator.ToTime(c.EventCount > 0 ? profile.Last : c.Founded),
            Counters = profile.Counters(),
            MergedIds = MergedIdsOf(c),
        };
    }

    /// <summary>A page of the customer's events, newest first.</summary>
    public TimelinePage Timeline(CustomerState c, TimelineQuery query)
    {
        c.SortEvents(_events, _defaultCurrency);
        var events = c.Events;
        var start = events.Length - 1;
        if (query.Cursor is not null)
        {
            var cursor = TimelineCursor.Decode(query.Cursor);
            start = UpperBoundBelow(events, _events, cursor);
        }

        var limit = Math.Clamp(query.Limit, 1, 1000);
        var page = new List<CustomerEvent>(Math.Min(limit, start + 1));
        var i = start;
        for (; i >= 0 && page.Count < limit; i--)
        {
            page.Add(_events[events[i]].Event);
        }

        var next = i >= 0 && page.Count > 0 ? TimelineCursor.Encode(_events[events[i + 1]].Key) : null;
        return new TimelinePage(page, next);
    }

    /// <summary>The customers this one interacted with (reposts, replies, referrals), both ways, most frequent first.</summary>
    public IReadOnlyList<CustomerRelation> Relations(CustomerState c)
    {
        Dictionary<(string, RelationKind, RelationDirection), (long Count, EventKey Last)>? map = null;
        void Add(string other, RelationKind kind, RelationDirection dir, EventKey key)
        {
            if (other == c.Id)
            {
                return;
            }

            map ??= [];
            var k = (other, kind, dir);
            map[k] = map.TryGetValue(k, out var v) ? (v.Count + 1, key > v.Last ? key : v.Last) : (1, key);
        }

        foreach (var handle in c.Events)
        {
            ref var se = ref _events[handle];
            if (se.Event.Properties is not { } p)
            {
                continue;
            }

            if (p.TargetAuthor is { } author && _identities.Find(author)?.Customer?.Id is { } to)
            {
                Add(to, KindOf(se.Event.Type), RelationDirection.Outbound, se.Key);
            }

            if (p.Referrer is { } referrer && _identities.Find(referrer)?.Customer?.Id is { } by)
            {
                Add(by, RelationKind.ReferredBy, RelationDirection.Outbound, se.Key);
            }
        }

        foreach (var node in c.Nodes)
        {
            if (node.References is null)
            {
                continue;
            }

            foreach (var handle in node.References)
            {
                ref var se = ref _events[handle];
                if (se.Customer is not { } actor)
                {
                    continue;
                }

                var p = se.Event.Properties!;
                if (p.TargetAuthor == node.Identity)
                {
                    Add(actor.Id, KindOf(se.Event.Type), RelationDirection.Inbound, se.Key);
                }

                if (p.Referrer == node.Identity)
                {
                    Add(actor.Id, RelationKind.ReferredBy, RelationDirection.Inbound, se.Key);
                }
            }
        }

        if (map is null)
        {
            return [];
        }

        return map
            .Select(kv => new CustomerRelation(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value.Count, ProfileAccumulator.ToTime(kv.Value.Last)))
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.LastAt).ThenBy(r => r.OtherCustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.Kind).ThenBy(r => r.Direction)
            .ToArray();
    }

    /// <summary>The merges the customer came from, oldest first.</summary>
    public static IReadOnlyList<MergeRecord> Merges(CustomerState c)
        => c.Merges is null ? [] : [.. c.Merges.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>The unique-kind conflicts the customer is part of, oldest first.</summary>
    public static IReadOnlyList<IdentityConflict> Conflicts(CustomerState c)
        => c.Conflicts is null ? [] : [.. c.Conflicts.Distinct().OrderBy(x => x.OccurredAt).ThenBy(x => x.Id, StringComparer.Ordinal)];

    private static RelationKind KindOf(EventType type)
    {
        if (type == EventType.Repost)
        {
            return RelationKind.Reposted;
        }

        if (type == EventType.Mention)
        {
            return RelationKind.Mentioned;
        }

        return type == EventType.Comment || type == EventType.Message || type == EventType.Review
            ? RelationKind.RepliedTo
            : RelationKind.InteractedWith;
    }

    private static int UpperBoundBelow(ReadOnlySpan<int> events, EventIndex store, EventKey cursor)
    {
        // index of the last event whose key is strictly below the cursor
        int lo = 0, hi = events.Length - 1, result = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (store[events[mid]].Key < cursor)
            {
                result = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return result;
    }

    private List<string> MergedIdsOf(CustomerState c)
    {
        var result = new List<string>();
        if (c.MergedIds is null)
        {
            return result;
        }

        foreach (var id in c.MergedIds)
        {
            if (!string.Equals(id, c.Id, StringComparison.Ordinal) && !result.Contains(id) && _customers.ResolveId(id) == c.Id)
            {
                result.Add(id);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
