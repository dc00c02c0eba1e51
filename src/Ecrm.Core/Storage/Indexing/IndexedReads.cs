using Ecrm.Graph.Engine;

namespace Ecrm.Storage;

/// <summary>
/// Reads customers from a store's graph index (<see cref="IGraphIndex"/>) while the graph is not in memory: one
/// customer's rows and events, projected by the same code as the graph's (<see cref="CustomerProjections"/>), so
/// a read gives what the graph would. Each read costs the customer's size, never the store's.
/// </summary>
internal sealed class IndexedReads
{
    private const int MaxAliasHops = CustomerDirectory.MaxAliasHops; // as the graph follows them; a longer chain means a corrupt index
    private readonly IGraphIndex _index;
    private readonly IdentityPolicy _policy;
    private readonly string _defaultCurrency;

    public IndexedReads(IGraphIndex index, IdentityPolicy policy, string defaultCurrency)
    {
        _index = index;
        _policy = policy;
        _defaultCurrency = defaultCurrency;
    }

    public async ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken)
        => await _index.FindIdentityAsync(identity, cancellationToken).ConfigureAwait(false) is { } row
            ? await ResolveIdAsync(row.CustomerId, cancellationToken).ConfigureAwait(false)
            : null;

    public async ValueTask<string?> ResolveIdAsync(string customerId, CancellationToken cancellationToken)
        => (await FindLiveAsync(customerId, cancellationToken).ConfigureAwait(false))?.Id;

    public async ValueTask<GraphStatistics> StatisticsAsync(CancellationToken cancellationToken)
    {
        var (s, prospects) = await _index.ReadStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return new GraphStatistics(s.Customers, prospects, s.Identities, s.Events, s.Merges, s.Conflicts);
    }

    /// <summary>The live customers and the events, as the index counts them.</summary>
    public async ValueTask<(long Customers, long Events)> SizesAsync(CancellationToken cancellationToken)
    {
        var s = await _index.ReadSizesAsync(cancellationToken).ConfigureAwait(false);
        return (s.Customers, s.Events);
    }

    /// <summary>Loads a customer (by any id it had) with its identities and events, or null when no live customer has the id.</summary>
    public async ValueTask<Loaded?> LoadAsync(string customerId, bool withEvents, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(customerId, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return null;
        }

        var identities = await _index.ReadIdentitiesAsync(row.Id, cancellationToken).ConfigureAwait(false);
        var entries = withEvents ? await _index.ReadEventsAsync(row.Id, cancellationToken).ConfigureAwait(false) : [];
        var events = new (EventKey Key, CustomerEvent Event)[entries.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var e = entries[i].Event ?? throw new EcrmException($"Graph index: expected an event at log entry {entries[i].Sequence} placed with customer '{row.Id}', received a merge undo.");
            events[i] = (EventKey.Of(e), e);
        }

        Array.Sort(events, static (x, y) => x.Key.CompareTo(y.Key));

        // The row lists every id merged in; those that lead here are the customer's (as the graph lists them).
        var mergedIds = new List<string>(row.MergedIds.Count);
        foreach (var id in row.MergedIds)
        {
            if ((await FindLiveAsync(id, cancellationToken).ConfigureAwait(false))?.Id == row.Id)
            {
                mergedIds.Add(id);
            }
        }

        return new Loaded(this, row, identities, events, mergedIds);
    }

    private ValueTask<IndexedCustomer?> FindLiveAsync(string customerId, CancellationToken cancellationToken)
        => FindLiveAsync(_index, customerId, cancellationToken);

    /// <summary>Finds the live customer row an id names, following the alias an id merged away has.</summary>
    /// <param name="index">The index.</param>
    /// <param name="customerId">The id (live or merged away).</param>
    /// <param name="cancellationToken">A token to cancel the reads.</param>
    /// <returns>The live row, or null when the id names no customer.</returns>
    /// <exception cref="EcrmException">The aliases form a chain longer than the index ever writes (a corrupt index).</exception>
    public static async ValueTask<IndexedCustomer?> FindLiveAsync(IGraphIndex index, string customerId, CancellationToken cancellationToken)
    {
        var id = customerId;
        for (var hop = 0; hop <= MaxAliasHops; hop++)
        {
            if (await index.FindCustomerAsync(id, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                return null;
            }

            if (row.LiveId is null)
            {
                return row;
            }

            id = row.LiveId;
        }

        throw new EcrmException($"Graph index: expected customer id '{customerId}' to lead to a live customer within {MaxAliasHops} aliases, received a longer chain.");
    }

    /// <summary>One customer read from the index, projected on demand.</summary>
    internal sealed class Loaded
    {
        private readonly IndexedReads _reads;
        private readonly IReadOnlyList<IndexedIdentity> _identities;
        private readonly (EventKey Key, CustomerEvent Event)[] _events;
        private readonly List<string> _mergedIds;

        public Loaded(IndexedReads reads, IndexedCustomer row, IReadOnlyList<IndexedIdentity> identities, (EventKey Key, CustomerEvent Event)[] events, List<string> mergedIds)
        {
            _reads = reads;
            Row = row;
            _identities = identities;
            _events = events;
            _mergedIds = mergedIds;
        }

        public IndexedCustomer Row { get; }

        public string Id => Row.Id;

        public IReadOnlyList<MergeRecord> Merges => Row.Merges;

        public IReadOnlyList<IdentityConflict> Conflicts => Row.Conflicts;

        public CustomerProfile Profile()
        {
            var profile = new ProfileAccumulator();
            foreach (var (key, e) in _events)
            {
                profile.Apply(e, key, _reads._defaultCurrency);
            }

            var policy = _reads._policy;
            var sorted = _identities.ToArray();
            Array.Sort(sorted, (a, b) => IdentityNode.Compare(a.Identity, policy[a.Identity.Kind], b.Identity, policy[b.Identity.Kind]));
            var identities = new CustomerIdentity[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                identities[i] = new CustomerIdentity(sorted[i].Identity, ProfileAccumulator.ToTime(new EventKey(sorted[i].FirstSeenTicks, sorted[i].FirstSeenEventId)));
            }

            return CustomerProjections.ProfileOf(Id, identities, in profile, _events.Length, new EventKey(Row.FoundedTicks, Row.FoundedEventId), [.. _mergedIds]);
        }

        public TimelinePage Timeline(TimelineQuery query) => CustomerProjections.TimelineOf(new Events(_events), query);

        public IReadOnlyList<CustomerEvent> AllEvents() => [.. _events.Select(e => e.Event)];

        public async ValueTask<IReadOnlyList<CustomerRelation>> RelationsAsync(CancellationToken cancellationToken)
        {
            var index = _reads._index;
            var tally = new RelationTally(Id);
            foreach (var (key, e) in _events)
            {
                if (e.Properties is not { } p)
                {
                    continue;
                }

                if (p.TargetAuthor is { } author && await _reads.ResolveAsync(author, cancellationToken).ConfigureAwait(false) is { } to)
                {
                    tally.Add(to, CustomerProjections.KindOf(e.Type), RelationDirection.Outbound, key);
                }

                if (p.Referrer is { } referrer && await _reads.ResolveAsync(referrer, cancellationToken).ConfigureAwait(false) is { } by)
                {
                    tally.Add(by, RelationKind.ReferredBy, RelationDirection.Outbound, key);
                }
            }

            var (references, events) = await index.ReadReferencesAsync([.. _identities.Select(i => i.Identity)], cancellationToken).ConfigureAwait(false);
            foreach (var r in references)
            {
                if (events.TryGetValue(r.Sequence, out var e) && await _reads.ResolveIdAsync(r.ActorId, cancellationToken).ConfigureAwait(false) is { } actor)
                {
                    tally.Inbound(r.Identity, e, actor, EventKey.Of(e));
                }
            }

            return tally.Build();
        }

        private readonly struct Events((EventKey Key, CustomerEvent Event)[] events) : ITimelineEvents
        {
            public int Count => events.Length;

            public EventKey KeyAt(int i) => events[i].Key;

            public CustomerEvent EventAt(int i) => events[i].Event;
        }
    }
}
