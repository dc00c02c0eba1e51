using Ecrm.Graph.Engine;

namespace Ecrm.Storage;

/// <summary>
/// Loads from a store's graph index the part of the graph a batch can change: the raw components of every identity
/// the batch carries or names, and of every event of it the log already holds. The events of those components are
/// replayed into a new <see cref="GraphState"/> in canonical order, which gives the customers, merges and conflicts
/// the whole graph has for them (the canonical definition is per raw component). Of other customers it needs only
/// what the index keeps beside them: which identities are shared, and the earliest event naming an identity of the
/// set, which may found its customer (<see cref="GraphState.LoadReferences"/>). The cost is that of the components
/// touched, never the store's.
/// </summary>
internal static class WorkingSetLoader
{
    /// <summary>Loads the working set of a batch.</summary>
    /// <param name="index">The store's index (complete: it reflects the log's last entry).</param>
    /// <param name="batch">The batch's events (validated and normalised).</param>
    /// <param name="graph">An empty graph to load into.</param>
    /// <param name="cancellationToken">A token to cancel the reads.</param>
    /// <returns>Whether the working set is loaded, needs the whole graph, or shows that the index and the log disagree.</returns>
    public static async ValueTask<WorkingSetLoad> LoadAsync(IGraphIndex index, IReadOnlyList<CustomerEvent> batch, GraphState graph, CancellationToken cancellationToken)
    {
        var seeds = new List<Identity>();
        foreach (var e in batch)
        {
            Seed(e, seeds);
        }

        // An event the log holds already is judged (a duplicate, or a reused id) by its customer, wherever it went.
        var ids = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        foreach (var e in batch)
        {
            ids.Add(e.Id);
        }

        foreach (var entry in await index.FindEventsAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            Seed(entry.Event!, seeds);
        }

        return await LoadAsync(index, seeds, graph, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the working set of one customer: the raw component it belongs to (an undo of one of its merges changes nothing else).</summary>
    /// <param name="index">The store's index (complete: it reflects the log's last entry).</param>
    /// <param name="customerId">The customer, live or retired (its live customer's component is loaded).</param>
    /// <param name="graph">An empty graph to load into.</param>
    /// <param name="cancellationToken">A token to cancel the reads.</param>
    /// <returns>Whether the working set is loaded or needs the whole graph (also when the customer is not in the index), or shows that the index and the log disagree.</returns>
    public static async ValueTask<WorkingSetLoad> LoadCustomerAsync(IGraphIndex index, string customerId, GraphState graph, CancellationToken cancellationToken)
    {
        if (await IndexedReads.FindLiveAsync(index, customerId, cancellationToken).ConfigureAwait(false) is not { } live)
        {
            return WorkingSetLoad.NeedsWholeGraph;
        }

        var seeds = (await index.ReadIdentitiesAsync(live.Id, cancellationToken).ConfigureAwait(false)).Select(i => i.Identity).ToList();
        return seeds.Count == 0 ? WorkingSetLoad.NeedsWholeGraph : await LoadAsync(index, seeds, graph, cancellationToken).ConfigureAwait(false);
    }

    private static void Seed(CustomerEvent e, List<Identity> seeds)
    {
        seeds.AddRange(e.Identities);
        if (e.Properties is { } p)
        {
            if (p.TargetAuthor is { } author)
            {
                seeds.Add(author);
            }

            if (p.Referrer is { } referrer)
            {
                seeds.Add(referrer);
            }
        }
    }

    private static async ValueTask<WorkingSetLoad> LoadAsync(IGraphIndex index, List<Identity> seeds, GraphState graph, CancellationToken cancellationToken)
    {
        var scope = new HashSet<Identity>();
        var pending = new List<Identity>();
        var placed = new HashSet<Identity>(); // identities of the customers loaded: nothing to look up
        void Add(Identity identity)
        {
            if (scope.Add(identity))
            {
                pending.Add(identity);
            }
        }

        foreach (var identity in seeds)
        {
            Add(identity);
        }

        var customers = new Dictionary<string, IndexedCustomer>(StringComparer.Ordinal); // live rows by id
        var components = new HashSet<string>(StringComparer.Ordinal);
        var events = new Dictionary<long, CustomerEvent>();
        var firstReferences = new HashSet<long>();
        while (pending.Count > 0)
        {
            var round = pending.ToArray();
            pending.Clear();
            foreach (var identity in round)
            {
                if (placed.Contains(identity))
                {
                    continue; // a seed of the batch whose customer an earlier seed loaded
                }

                if (await index.FindIdentityAsync(identity, cancellationToken).ConfigureAwait(false) is not { } row
                    || await IndexedReads.FindLiveAsync(index, row.CustomerId, cancellationToken).ConfigureAwait(false) is not { } owner)
                {
                    continue; // new, or shared without a customer (found below)
                }

                if (owner.Component is not { } component)
                {
                    return WorkingSetLoad.Disagrees; // written before components were kept
                }

                if (!components.Add(component))
                {
                    continue;
                }

                foreach (var member in await index.ReadComponentAsync(component, cancellationToken).ConfigureAwait(false))
                {
                    if (member.LiveId is not null || !customers.TryAdd(member.Id, member))
                    {
                        continue;
                    }

                    foreach (var i in await index.ReadIdentitiesAsync(member.Id, cancellationToken).ConfigureAwait(false))
                    {
                        scope.Add(i.Identity); // its customer is loaded with it: no look-up needed
                        placed.Add(i.Identity);
                        if (i.FirstReference != 0)
                        {
                            firstReferences.Add(i.FirstReference);
                        }
                    }

                    foreach (var entry in await index.ReadEventsAsync(member.Id, cancellationToken).ConfigureAwait(false))
                    {
                        var e = entry.Event!;
                        events[entry.Sequence] = e;
                        foreach (var i in e.Identities)
                        {
                            Add(i); // a shared identity of the component's events, or one of another component
                        }
                    }
                }
            }
        }

        if ((await index.FindKeptApartAsync(scope, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return WorkingSetLoad.NeedsWholeGraph; // an undo keeps some of these identities apart (see WorkingSetLoad)
        }

        var shared = await index.FindSharedAsync(scope, cancellationToken).ConfigureAwait(false);
        foreach (var r in shared)
        {
            if (r.FirstReference != 0)
            {
                firstReferences.Add(r.FirstReference);
            }
        }

        firstReferences.ExceptWith(events.Keys);
        var stubs = firstReferences.Count == 0 ? [] : await index.ReadEntriesAsync(firstReferences, cancellationToken).ConfigureAwait(false);
        var replay = new List<(EventKey Key, long Sequence, CustomerEvent Event, bool Stub)>(events.Count + stubs.Count);
        foreach (var (sequence, e) in events)
        {
            replay.Add((EventKey.Of(e), sequence, e, false));
        }

        foreach (var entry in stubs)
        {
            replay.Add((EventKey.Of(entry.Event!), entry.Sequence, entry.Event!, true));
        }

        replay.Sort(static (x, y) => x.Key.CompareTo(y.Key));
        graph.BeginLoad(scope, shared.Select(s => (s.Identity, new EventKey(s.FirstSeenTicks, s.FirstSeenEventId))));
        foreach (var (_, sequence, e, stub) in replay)
        {
            if (stub)
            {
                graph.LoadReferences(e, sequence);
            }
            else if (graph.Apply(e, sequence).Status != IngestStatus.Accepted)
            {
                return WorkingSetLoad.Disagrees; // two log entries of one id, placed with customers
            }
        }

        // The alias chains of the ids merged into the loaded customers, link by link.
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var chain = new Queue<string>(customers.Values.SelectMany(c => c.MergedIds));
        while (chain.TryDequeue(out var id))
        {
            if (aliases.ContainsKey(id) || customers.ContainsKey(id) || aliases.Count > customers.Count * CustomerDirectory.MaxAliasHops)
            {
                continue;
            }

            if (await index.FindCustomerAsync(id, cancellationToken).ConfigureAwait(false) is { LiveId: { } target })
            {
                aliases[id] = target;
                chain.Enqueue(target);
            }
        }

        return graph.EndLoad(customers, aliases) ? WorkingSetLoad.Loaded : WorkingSetLoad.Disagrees;
    }
}
