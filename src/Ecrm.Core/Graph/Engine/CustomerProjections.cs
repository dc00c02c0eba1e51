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
        var sorted = c.Nodes.ToArray();
        Array.Sort(sorted, IdentityNode.Compare);
        var identities = new CustomerIdentity[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            identities[i] = new CustomerIdentity(sorted[i].Identity, ProfileAccumulator.ToTime(sorted[i].FirstSeen));
        }

        return ProfileOf(c.Id, identities, in profile, c.EventCount, c.Founded, MergedIdsOf(c));
    }

    /// <summary>A profile from its parts, wherever they were read (the graph, or a store's index).</summary>
    /// <param name="id">The live customer's id.</param>
    /// <param name="identities">The identities, in <see cref="IdentityNode.Compare(Identity, IdentityKindOptions, Identity, IdentityKindOptions)"/> order.</param>
    /// <param name="profile">The fold over the customer's events.</param>
    /// <param name="eventCount">The number of events.</param>
    /// <param name="founded">The key of the event that founded the customer.</param>
    /// <param name="mergedIds">The ids merged into the customer, in ordinal order.</param>
    /// <returns>The profile.</returns>
    public static CustomerProfile ProfileOf(string id, CustomerIdentity[] identities, in ProfileAccumulator profile, int eventCount, EventKey founded, List<string> mergedIds)
        => new()
        {
            Id = id,
            Identities = identities,
            Traits = profile.Traits(),
            Channels = profile.Channels(),
            // A customer known only from a reference or a conflict split has no events: it was seen when founded.
            FirstSeenAt = ProfileAccumulator.ToTime(eventCount > 0 ? profile.First : founded),
            LastSeenAt = ProfileAccumulator.ToTime(eventCount > 0 ? profile.Last : founded),
            Counters = profile.Counters(),
            MergedIds = mergedIds,
        };

    /// <summary>A page of the customer's events, newest first.</summary>
    public TimelinePage Timeline(CustomerState c, TimelineQuery query)
    {
        c.SortEvents(_events, _defaultCurrency);
        return TimelineOf(new GraphTimeline(c, _events), query);
    }

    /// <summary>A page of events, newest first, from events in ascending key order (wherever they were read).</summary>
    /// <typeparam name="TEvents">The events (a struct, so that the graph's path allocates nothing).</typeparam>
    /// <param name="events">The events, in ascending key order.</param>
    /// <param name="query">The page asked for.</param>
    /// <returns>The page.</returns>
    public static TimelinePage TimelineOf<TEvents>(in TEvents events, TimelineQuery query)
        where TEvents : struct, ITimelineEvents
    {
        var start = events.Count - 1;
        if (query.Cursor is not null)
        {
            start = UpperBoundBelow(in events, TimelineCursor.Decode(query.Cursor));
        }

        var limit = Math.Clamp(query.Limit, 1, 1000);
        var page = new List<CustomerEvent>(Math.Min(limit, start + 1));
        var i = start;
        for (; i >= 0 && page.Count < limit; i--)
        {
            page.Add(events.EventAt(i));
        }

        var next = i >= 0 && page.Count > 0 ? TimelineCursor.Encode(events.KeyAt(i + 1)) : null;
        return new TimelinePage(page, next);
    }

    /// <summary>The customers this one interacted with (reposts, replies, referrals), both ways, most frequent first.</summary>
    public IReadOnlyList<CustomerRelation> Relations(CustomerState c)
    {
        var tally = new RelationTally(c.Id);
        foreach (var handle in c.Events)
        {
            ref var se = ref _events[handle];
            if (se.Event.Properties is not { } p)
            {
                continue;
            }

            if (p.TargetAuthor is { } author && _identities.Find(author)?.Customer?.Id is { } to)
            {
                tally.Add(to, KindOf(se.Event.Type), RelationDirection.Outbound, se.Key);
            }

            if (p.Referrer is { } referrer && _identities.Find(referrer)?.Customer?.Id is { } by)
            {
                tally.Add(by, RelationKind.ReferredBy, RelationDirection.Outbound, se.Key);
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
                if (se.Customer is { } actor)
                {
                    tally.Inbound(node.Identity, se.Event, actor.Id, se.Key);
                }
            }
        }

        return tally.Build();
    }

    /// <summary>The merges the customer came from, oldest first.</summary>
    public static IReadOnlyList<MergeRecord> Merges(CustomerState c)
        => c.Merges is null ? [] : [.. c.Merges.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>The unique-kind conflicts the customer is part of, oldest first.</summary>
    public static IReadOnlyList<IdentityConflict> Conflicts(CustomerState c)
        => c.Conflicts is null ? [] : [.. c.Conflicts.Distinct().OrderBy(x => x.OccurredAt).ThenBy(x => x.Id, StringComparer.Ordinal)];

    /// <summary>The relation an event of the given type makes to the author it targets.</summary>
    public static RelationKind KindOf(EventType type)
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

    private static int UpperBoundBelow<TEvents>(in TEvents events, EventKey cursor)
        where TEvents : struct, ITimelineEvents
    {
        // index of the last event whose key is strictly below the cursor
        int lo = 0, hi = events.Count - 1, result = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (events.KeyAt(mid) < cursor)
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

    /// <summary>The ids merged into a live customer that still lead to it, in ordinal order.</summary>
    public List<string> MergedIdsOf(CustomerState c)
    {
        var result = AllMergedIds(c);
        result.RemoveAll(id => _customers.ResolveId(id) != c.Id);
        return result;
    }

    /// <summary>Every id merged into a customer (whether or not it leads there now), each once, in ordinal order.</summary>
    public static List<string> AllMergedIds(CustomerState c)
    {
        var result = new List<string>(c.MergedIds?.Count ?? 0);
        foreach (var id in c.MergedIds ?? [])
        {
            if (!string.Equals(id, c.Id, StringComparison.Ordinal) && !result.Contains(id))
            {
                result.Add(id);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>A customer's events in the graph, for <see cref="TimelineOf{TEvents}"/>.</summary>
    private readonly struct GraphTimeline(CustomerState customer, EventIndex events) : ITimelineEvents
    {
        public int Count => customer.EventCount;

        public EventKey KeyAt(int i) => events[customer.Events[i]].Key;

        public CustomerEvent EventAt(int i) => events[customer.Events[i]].Event;
    }
}
