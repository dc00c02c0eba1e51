using Ecrm.Storage;

namespace Ecrm.Graph.Engine;

/// <summary>
/// Turns what a unit of work changed in the graph into the rows of a store's graph index (<see cref="IGraphIndex"/>).
/// Each event, identity and customer remembers what the index holds of it (<see cref="StoredEvent.Indexed"/>,
/// <see cref="IdentityNode.IndexedCustomer"/>, <see cref="CustomerState.IndexedRow"/>), so a unit of work writes only
/// what moved: the new events and identities of the customers it touched, the ones a merge or a rebuild moved, and the
/// customer rows whose purchase state, merges or conflicts changed. The cost is bounded by the customers touched.
/// </summary>
internal static class GraphIndexing
{
    /// <summary>What the index holds of a customer's row: enough to tell when it must be written again.</summary>
    /// <param name="Prospect">Whether the row says the customer has no purchase.</param>
    /// <param name="Merges">The number of merges the row lists.</param>
    /// <param name="Conflicts">The number of conflicts the row lists.</param>
    /// <param name="MergedIds">The number of merged ids written as aliases of the customer.</param>
    /// <param name="Component">The component name the row holds.</param>
    internal readonly record struct RowMark(bool Prospect, int Merges, int Conflicts, int MergedIds, string Component);

    /// <summary>Adds the rows for the customers a unit of work touched and the ids it retired.</summary>
    /// <param name="graph">The graph, after the unit of work.</param>
    /// <param name="touched">The customers touched (live or retired since).</param>
    /// <param name="removed">The ids retired (merged away or replaced by a rebuild).</param>
    /// <param name="orphans">The identities a rebuild left without a customer.</param>
    /// <param name="relabeled">Customers a union put in a component of another name (their rows are written again if so).</param>
    /// <param name="into">The rows.</param>
    public static void Collect(GraphState graph, IReadOnlyList<CustomerState> touched, IEnumerable<string> removed, IReadOnlyList<IdentityNode> orphans, IReadOnlyList<CustomerState> relabeled, GraphIndexChanges into)
    {
        var directory = graph.Customers;
        foreach (var n in orphans)
        {
            if (n.Customer is null && n.IndexedCustomer is not null)
            {
                n.IndexedCustomer = null;
                into.RemoveIdentity(n.Identity);
            }
        }

        foreach (var id in removed)
        {
            switch (directory.ResolveId(id))
            {
                case null:
                    into.RemoveCustomer(id);
                    break;
                case var now when !string.Equals(now, id, StringComparison.Ordinal):
                    into.Add(IndexedCustomer.Alias(id, directory.AliasTarget(id) ?? now));
                    break;
                default:
                    break; // live again (a rebuild founded it anew): its new state is among the touched
            }
        }

        foreach (var c in touched)
        {
            if (!c.Retired)
            {
                Customer(graph, c, into);
            }
        }

        foreach (var c in relabeled)
        {
            if (!c.Retired)
            {
                Customer(graph, c, into);
            }
        }
    }

    /// <summary>Every row of the graph, for an index that is rewritten whole (after a rebuild, or to create it).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="rows">False to only mark everything as indexed (the index holds it already) and keep no rows.</param>
    /// <returns>The rows, marked as replacing the index.</returns>
    public static GraphIndexChanges Everything(GraphState graph, bool rows = true)
    {
        var into = new GraphIndexChanges(replaces: true, discard: !rows);
        foreach (var c in graph.Customers.Live)
        {
            c.IndexedRow = null;
            foreach (var n in c.Nodes)
            {
                n.IndexedCustomer = null;
            }

            foreach (var h in c.Events)
            {
                graph.Events[h].Indexed = null;
            }
        }

        foreach (var n in graph.Identities.Nodes)
        {
            n.IndexedShared = false;
            n.IndexedFirstReference = 0;
        }

        foreach (var c in graph.Customers.Live)
        {
            Customer(graph, c, into);
        }

        foreach (var n in graph.Identities.Nodes)
        {
            if (n.Shared && n.Customer is null)
            {
                SharedOnly(graph, n, into);
            }
        }

        if (rows)
        {
            foreach (var n in graph.Identities.Nodes)
            {
                foreach (var other in n.CannotLink ?? [])
                {
                    into.Add(new IndexedKeptApart(n.Identity, other.Identity));
                }
            }

            foreach (var id in graph.Customers.AliasIds)
            {
                if (graph.Customers.ResolveId(id) is { } now && !string.Equals(now, id, StringComparison.Ordinal))
                {
                    into.Add(IndexedCustomer.Alias(id, graph.Customers.AliasTarget(id) ?? now));
                }
            }
        }

        return into;
    }

    private static void Customer(GraphState graph, CustomerState c, GraphIndexChanges into)
    {
        var prospect = graph.Projections.IsProspect(c);
        var merges = c.Merges?.Count ?? 0;
        var conflicts = c.Conflicts?.Count ?? 0;
        var mergedIds = c.MergedIds?.Count ?? 0;
        var component = c.FoundingNode.ComponentLabel;
        var mark = c.IndexedRow;
        if (mark is not { } m || m.Prospect != prospect || m.Merges != merges || m.Conflicts != conflicts || m.MergedIds != mergedIds
            || !string.Equals(m.Component, component, StringComparison.Ordinal))
        {
            // Every id merged in, whether or not it leads here now: a chain's link moved elsewhere by a rebuild may
            // come back with a later one, and a read lists those that lead here (as the graph does).
            into.Add(new IndexedCustomer(c.Id, null, c.Founded.Ticks, c.Founded.Id, prospect, CustomerProjections.Merges(c), CustomerProjections.Conflicts(c), CustomerProjections.AllMergedIds(c), component));
            foreach (var merge in c.Merges ?? [])
            {
                into.Add(new IndexedMerge(merge.Id, c.Id)); // an undo finds the customer that lists it
            }
        }

        if (mark is not { } seen || seen.MergedIds != mergedIds)
        {
            // Each id merged in leads to the customer that took it in, as in the graph: a chain, which a read follows.
            // Flattened to the live id, a chain would go stale when a later rebuild sends one of its links elsewhere
            // (a component split by a unique-kind conflict): the ids behind that link must follow it.
            foreach (var id in c.MergedIds ?? [])
            {
                if (!string.Equals(id, c.Id, StringComparison.Ordinal) && string.Equals(graph.Customers.ResolveId(id), c.Id, StringComparison.Ordinal))
                {
                    into.Add(IndexedCustomer.Alias(id, graph.Customers.AliasTarget(id) ?? c.Id));
                }
            }
        }

        c.IndexedRow = new RowMark(prospect, merges, conflicts, mergedIds, component);
        foreach (var n in c.Nodes)
        {
            Identity(graph, n, c, into);
        }

        foreach (var h in c.Events)
        {
            ref var se = ref graph.Events[h];
            if (ReferenceEquals(se.Indexed, c))
            {
                continue;
            }

            var previous = se.Indexed;
            se.Indexed = c;
            into.Add(new IndexedEvent(se.Sequence, c.Id, previous?.Id));
            if (previous is null)
            {
                into.Add(new IndexedEventId(se.Event.Id, se.Sequence));
                Sightings(graph, se.Event, se.Sequence, c.Id, into);
            }
            else if (se.Event.Properties is { } moved)
            {
                References(moved, se.Sequence, c.Id, into); // its references now come from this customer
            }
        }
    }

    /// <summary>
    /// What a new event changes beyond its customer: the references it makes, and the first sighting of identities it
    /// carries or names that belong to customers it does not touch (a shared device, a referenced account).
    /// </summary>
    private static void Sightings(GraphState graph, CustomerEvent e, long sequence, string actor, GraphIndexChanges into)
    {
        foreach (var identity in e.Identities)
        {
            Seen(graph, identity, into);
        }

        if (e.Properties is { } p)
        {
            References(p, sequence, actor, into);
            if (p.TargetAuthor is { } author)
            {
                Seen(graph, author, into);
            }

            if (p.Referrer is { } referrer)
            {
                Seen(graph, referrer, into);
            }
        }
    }

    private static void References(EventProperties p, long sequence, string actor, GraphIndexChanges into)
    {
        if (p.TargetAuthor is { } author)
        {
            into.Add(new IndexedReference(author, sequence, actor));
        }

        if (p.Referrer is { } referrer)
        {
            into.Add(new IndexedReference(referrer, sequence, actor));
        }
    }

    private static void Seen(GraphState graph, Identity identity, GraphIndexChanges into)
    {
        switch (graph.Identities.Find(identity))
        {
            case { Customer: { Retired: false } owner } node when ReferenceEquals(node.IndexedCustomer, owner):
                Identity(graph, node, owner, into);
                break;
            case { Customer: null, Shared: true } shared:
                SharedOnly(graph, shared, into);
                break;
            default:
                break;
        }
    }

    private static void Identity(GraphState graph, IdentityNode n, CustomerState c, GraphIndexChanges into)
    {
        var firstReference = FirstReference(graph, n);
        if (!ReferenceEquals(n.IndexedCustomer, c) || n.IndexedFirstSeen != n.FirstSeen || n.IndexedFirstReference != firstReference || n.IndexedShared != n.Shared)
        {
            n.IndexedCustomer = c;
            n.IndexedFirstSeen = n.FirstSeen;
            n.IndexedFirstReference = firstReference;
            n.IndexedShared = n.Shared;
            into.Add(new IndexedIdentity(n.Identity, c.Id, n.FirstSeen.Ticks, n.FirstSeen.Id, firstReference));
            if (n.Shared)
            {
                into.Add(new IndexedSharedIdentity(n.Identity, n.FirstSeen.Ticks, n.FirstSeen.Id, firstReference));
            }
        }
    }

    /// <summary>A shared identity that belongs to no customer: only its row among the shared identities.</summary>
    private static void SharedOnly(GraphState graph, IdentityNode n, GraphIndexChanges into)
    {
        var firstReference = FirstReference(graph, n);
        if (!n.IndexedShared || n.IndexedFirstSeen != n.FirstSeen || n.IndexedFirstReference != firstReference)
        {
            n.IndexedFirstSeen = n.FirstSeen;
            n.IndexedFirstReference = firstReference;
            n.IndexedShared = true;
            into.Add(new IndexedSharedIdentity(n.Identity, n.FirstSeen.Ticks, n.FirstSeen.Id, firstReference));
        }
    }

    private static long FirstReference(GraphState graph, IdentityNode n)
        => n.FirstReference == EventIndex.None ? 0 : graph.Events[n.FirstReference].Sequence;
}
