using System.Diagnostics;
using Ecrm.Storage;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The customer graph held in memory and the resolution algorithm that builds customers from events. Not thread-safe:
/// the owning store serialises access. Its parts: the identity directory (<see cref="IdentityIndex"/> of
/// <see cref="IdentityNode"/>s: identity to customer, raw components, sharing), the events (<see cref="EventIndex"/>),
/// the customers and aliases (<see cref="CustomerDirectory"/>), the rules that decide what may come together
/// (<see cref="MergeRules"/>), what readers see (<see cref="CustomerProjections"/>) and the changes of a unit of work
/// (<see cref="ChangeTracker"/>). This class is the canonical step that uses them, and the rebuild of a component.
/// </summary>
/// <remarks>
/// <para>
/// The result is defined canonically: customers are what applying all events one by one in <see cref="EventKey"/>
/// order (time, then id) produces. Events usually arrive in that order, and then each is applied incrementally. When
/// one arrives older than the newest event already applied to its raw component (the identities ever seen together),
/// that component alone is rebuilt from its events in canonical order. Either way the outcome is the canonical one, so
/// ingestion is order-free and replay-safe.
/// </para>
/// <para>
/// Applying one event: its identities are sorted (strong before weak, then kind priority, then value). The event's
/// customer is that of the first strong identity that has one (or of the first weak one when it has no strong
/// identity), or a new customer. Every other strong identity joins it: a free identity is attached, an identity of
/// another customer merges the two (the older survives), unless a unique kind would then hold two values or an undone
/// merge forbids it, in which case a conflict is recorded and the two stay apart. Weak identities attach when free and
/// never merge two identified customers; with strong identities in the event, they bring an anonymous customer (one
/// with weak identities only) into the identified one. Profiles are folds over events (see <see cref="ProfileAccumulator"/>).
/// </para>
/// </remarks>
internal sealed class GraphState
{
    private readonly IdentityPolicy _policy;
    private readonly EventIndex _events = new();
    private readonly IdentityIndex _identities = new();
    private readonly CustomerDirectory _customers = new();
    private readonly BatchLookAhead _ahead;
    private readonly Dictionary<string, MergeEntry> _merges = new(StringComparer.Ordinal);
    private IdentityNode[] _nodes = new IdentityNode[8]; // the nodes of the event being applied (an array, not a List<T>: stores skip the covariance check)
    private int _nodeCount;
    private readonly ChangeTracker _changes = new();
    private readonly HashSet<IdentityConflict> _conflicts = [];
    private int _epoch;
    private int _reserved;
    private HashSet<Identity>? _loadScope; // while a working set loads: the identities it holds (references to others are not applied)

    public GraphState(IdentityPolicy policy, string defaultCurrency)
    {
        _policy = policy;
        _ahead = new BatchLookAhead(_events, _identities);
        Projections = new CustomerProjections(_events, _identities, _customers, defaultCurrency);
    }

    /// <summary>Gets what readers see of the customers.</summary>
    public CustomerProjections Projections { get; }

    /// <summary>Gets the live customers and the aliases of retired ids.</summary>
    public CustomerDirectory Customers => _customers;

    /// <summary>Gets the batch look-ahead (<see cref="Reserve"/> and <see cref="Apply(int)"/> use what it found).</summary>
    public BatchLookAhead LookAhead => _ahead;

    public int EventCount => _events.Count - _reserved;

    public int CustomerCount => _customers.Count;

    public int IdentityCount => _identities.Count;

    /// <summary>Applies one validated, normalised event.</summary>
    public ApplyOutcome Apply(CustomerEvent e, long sequence = 0)
    {
        var handle = _events.GetOrAdd(e, EventIndex.Hash(e.Id), sequence, reserved: false, out var exists);
        if (exists)
        {
            ref var held = ref _events[handle];
            Debug.Assert(!held.Reserved, "A reserved event is applied before any later event with its id.");
            return EventEquivalence.Same(held.Event, e)
                ? new ApplyOutcome(IngestStatus.Duplicate, held.Customer)
                : new ApplyOutcome(IngestStatus.Rejected, null);
        }

        return ApplyNew(handle);
    }

    /// <summary>
    /// Reserves a new event's id while the store writes it to its log, so the store needs one look-up per event for
    /// both the duplicate check and the insert. Returns <see cref="EventIndex.None"/> when the id is taken (a duplicate,
    /// a reused id, or an earlier event of the same batch): <see cref="Apply(CustomerEvent, long)"/> judges those. A
    /// reserved event is invisible to readers until <see cref="Apply(int)"/>; <see cref="Release"/> drops it if the
    /// write fails.
    /// </summary>
    /// <returns>The reserved event's handle, or <see cref="EventIndex.None"/>.</returns>
    public int Reserve(CustomerEvent e, ulong hash, long sequence)
    {
        var handle = _events.GetOrAdd(e, hash, sequence, reserved: true, out var exists);
        if (exists)
        {
            return EventIndex.None;
        }

        _reserved++;
        return handle;
    }

    /// <summary>Applies an event reserved by <see cref="Reserve"/> once the log holds it.</summary>
    public ApplyOutcome Apply(int reserved)
    {
        ref var se = ref _events[reserved];
        Debug.Assert(se.Reserved, "Only a reserved event is applied this way.");
        se.Reserved = false;
        _reserved--;
        _ahead.TryTake(reserved, out var known, out var hashes);
        return ApplyNew(reserved, known, hashes);
    }

    /// <summary>Drops the reservations not applied (the log write failed): the graph is as before them.</summary>
    public void Release(ReadOnlySpan<int> reserved)
    {
        foreach (var handle in reserved)
        {
            if (handle != EventIndex.None && _events[handle].Reserved)
            {
                _events.Remove(_events[handle].Event.Id);
                _reserved--;
            }
        }
    }

    /// <param name="handle">The event's handle.</param>
    /// <param name="known">The nodes the look-ahead found, by identity (null: not found then), or empty.</param>
    /// <param name="hashes">The identities' hashes the look-ahead computed, or empty.</param>
    private ApplyOutcome ApplyNew(int handle, ReadOnlySpan<IdentityNode?> known = default, ReadOnlySpan<ulong> hashes = default)
    {
        ref var se = ref _events[handle]; // records never move (see EventIndex), so the reference stays valid
        var e = se.Event;
        var key = se.Key;

        _nodeCount = 0;
        var identities = e.Identities;
        var strong = false;
        var weak = false;
        for (var i = 0; i < identities.Count; i++)
        {
            var node = i < known.Length && known[i] is { } found
                ? Seen(found, key, out _)
                : GetOrCreateNode(identities[i], i < hashes.Length ? hashes[i] : IdentityIndex.Hash(identities[i]), key, out _);
            AddEventNode(node);
            strong |= node.Policy.Strength == IdentityLinkStrength.Strong;
            weak |= node.Policy.Strength == IdentityLinkStrength.Weak && !node.Shared;
        }

        var shared = strong && weak ? SeeTogether() : null;
        KeepLinkingNodes();

        // A node created by this event has MaxKey == key, so only older nodes can make the event late.
        var outOfOrder = false;
        var root = _nodes[0].Root();
        for (var i = 0; i < _nodeCount; i++)
        {
            var r = _nodes[i].Root();
            outOfOrder |= r.MaxKey > key;
            if (IndexRows is not null && !ReferenceEquals(root, r))
            {
                _changes.Relabel(root.Size < r.Size ? root : r); // the side whose root changes (see IdentityNode.Union)
            }

            root = IdentityNode.Union(root, r);
        }

        if (key > root.MaxKey)
        {
            root.MaxKey = key;
        }

        if (shared is not null)
        {
            Relink(shared, root, handle);
        }
        else if (outOfOrder)
        {
            Recompute(root, handle);
        }
        else
        {
            ProcessMain(handle);
        }

        ApplyReferences(handle);
        return new ApplyOutcome(IngestStatus.Accepted, se.Customer);
    }

    /// <summary>
    /// Starts loading a working set from a store's index: the components of <paramref name="scope"/>, whose events are
    /// then given to <see cref="Apply(CustomerEvent, long)"/> and <see cref="LoadReferences"/> in canonical order.
    /// References to identities outside the scope are not applied while it loads: their customers are not loaded.
    /// </summary>
    /// <param name="scope">The identities of the components loaded.</param>
    /// <param name="shared">The identities among them that are shared, with the first-seen keys the index holds.</param>
    public void BeginLoad(HashSet<Identity> scope, IEnumerable<(Identity Identity, EventKey FirstSeen)> shared)
    {
        _loadScope = scope;
        foreach (var (identity, firstSeen) in shared)
        {
            GetOrCreateNode(identity, IdentityIndex.Hash(identity), firstSeen, out _).MarkShared();
        }
    }

    /// <summary>
    /// Holds an event of a customer not in the working set for the references it makes to identities in it (the
    /// earliest reference of an identity can found its customer): only those references are applied.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="sequence">Its log sequence.</param>
    public void LoadReferences(CustomerEvent e, long sequence)
    {
        var handle = _events.GetOrAdd(e, EventIndex.Hash(e.Id), sequence, reserved: false, out var exists);
        if (exists)
        {
            return;
        }

        _events[handle].Stub = true;
        ApplyReferences(handle);
    }

    /// <summary>Ends the loading of a working set: from here on every reference applies, as in a whole graph.</summary>
    /// <param name="rows">The index's rows of the customers loaded, by customer id.</param>
    /// <param name="aliases">The index's aliases of the ids merged into them (retired id to the id that took it in).</param>
    /// <returns>False when the replay did not give the customers and components the index holds (the index and the log disagree).</returns>
    public bool EndLoad(IReadOnlyDictionary<string, IndexedCustomer> rows, IReadOnlyDictionary<string, string> aliases)
    {
        _loadScope = null;
        _ = CollectChanges();
        if (_customers.Count != rows.Count)
        {
            return false;
        }

        foreach (var c in _customers.Live)
        {
            if (!rows.TryGetValue(c.Id, out var row) || row.Component is not { } label)
            {
                return false;
            }

            var root = c.FoundingNode.Root();
            if (root.Label is { } named && !string.Equals(named, label, StringComparison.Ordinal))
            {
                return false; // two stored components came together in the replay
            }

            root.Label = label;

            // The ids a customer had before a late event rebuilt its component are not in a replay in canonical order,
            // but callers were given them: they go on naming the customer.
            c.KeepMergedIds(row.MergedIds);
        }

        // Retired ids lead where the index says (the chains the whole history made), not where the replay's own merges
        // would send them: a later rebuild that moves one link of a chain must move the ids behind it alike.
        foreach (var (id, target) in aliases)
        {
            if (!_customers.IsLiveId(id))
            {
                _customers.Alias(id, target);
            }
        }

        return true;
    }

    /// <summary>Returns and clears the customers changed since the last call.</summary>
    public CustomerChangeSet CollectChanges() => _changes.Collect(this);

    /// <summary>Gets the graph's events.</summary>
    public EventIndex Events => _events;

    /// <summary>Gets the graph's identities.</summary>
    public IdentityIndex Identities => _identities;

    /// <summary>
    /// Gets the graph-index rows collected with the change sets since <see cref="TakeIndexRows"/>, or null when the
    /// store keeps no index (then nothing is collected).
    /// </summary>
    public GraphIndexChanges? IndexRows { get; private set; }

    /// <summary>
    /// Starts keeping the store's graph index: marks everything as indexed and returns the rows of the whole graph
    /// (to write when the index is not complete; to drop when it is).
    /// </summary>
    /// <param name="rows">False when the index holds the graph already: everything is only marked, no row is kept.</param>
    /// <returns>Every row (none when <paramref name="rows"/> is false).</returns>
    public GraphIndexChanges KeepIndex(bool rows = true)
    {
        _ = CollectChanges(); // what came before is in the rows below
        IndexRows = new GraphIndexChanges(replaces: false);
        return GraphIndexing.Everything(this, rows);
    }

    /// <summary>Returns the index rows collected since the last call (null when no index is kept).</summary>
    /// <returns>The rows.</returns>
    public GraphIndexChanges? TakeIndexRows()
    {
        var rows = IndexRows;
        if (rows is not null)
        {
            IndexRows = new GraphIndexChanges(replaces: false);
        }

        return rows;
    }

    /// <summary>The id of the customer an identity belongs to, or null.</summary>
    public string? Resolve(Identity identity)
        => _identities.Find(identity)?.Customer?.Id;

    public CustomerEvent? FindEvent(string id)
        => _events.Find(id) is var handle && handle != EventIndex.None && !_events[handle].Reserved ? _events[handle].Event : null;

    /// <summary>The events of a customer (copies of the records).</summary>
    public IEnumerable<StoredEvent> EventsOf(CustomerState c) => c.Events.ToArray().Select(h => _events[h]);

    /// <summary>Every stored event (copies of the records), in the order they were stored.</summary>
    public IEnumerable<StoredEvent> AllEvents => _events.Handles.Select(h => _events[h]).Where(se => !se.Reserved);

    public bool HasMerge(string mergeId) => _merges.ContainsKey(mergeId);

    /// <summary>The identities of the customer a merge in effect went into (empty when no such merge is in effect).</summary>
    public IReadOnlyList<Identity> IdentitiesOfMerge(string mergeId)
        => _merges.TryGetValue(mergeId, out var entry) && entry.SurvivorAnchor.Customer is { } c ? [.. c.Nodes.ToArray().Select(n => n.Identity)] : [];

    public int ConflictCount => _conflicts.Count;

    public int MergeCount => _merges.Count;

    public IEnumerable<IdentityConflict> AllConflicts()
        => _conflicts.OrderBy(x => x.OccurredAt).ThenBy(x => x.Id, StringComparer.Ordinal);

    /// <summary>Undoes a merge: the two sides may never share a customer again; their component is rebuilt.</summary>
    /// <param name="mergeId">The merge.</param>
    /// <returns>The ids of the two sides after the undo.</returns>
    public (string SurvivorId, string RestoredId) UndoMerge(string mergeId)
    {
        if (!_merges.TryGetValue(mergeId, out var entry))
        {
            throw new MergeNotFoundException(mergeId);
        }

        var a = entry.SurvivorAnchor;
        var b = entry.MergedAnchor;
        KeptApart(a, b);
        Recompute(a.Root(), EventIndex.None);
        foreach (var (x, y) in MergeRules.KeepApart(a.Customer!, b.Customer!))
        {
            IndexRows?.Add(new IndexedKeptApart(x.Identity, y.Identity));
        }

        return (a.Customer!.Id, b.Customer!.Id);
    }

    /// <summary>Forbids two identities to share a customer (once), and files the pair among the index's rows.</summary>
    private void KeptApart(IdentityNode x, IdentityNode y)
    {
        if (MergeRules.Forbid(x, y))
        {
            IndexRows?.Add(new IndexedKeptApart(x.Identity, y.Identity));
        }
    }

    private IdentityNode GetOrCreateNode(Identity identity, ulong hash, EventKey key, out bool created)
    {
        var node = _identities.GetOrAdd(identity, hash, (_policy, key), NewNode, out created);
        return created ? node : Seen(node, key, out created);
    }

    private static IdentityNode NewNode(Identity identity, (IdentityPolicy Policy, EventKey Key) state)
        => new(identity, state.Key, state.Policy[identity.Kind]);

    private static IdentityNode Seen(IdentityNode node, EventKey key, out bool created)
    {
        created = false;
        if (key < node.FirstSeen)
        {
            node.FirstSeen = key;
        }

        return node;
    }

    private void ApplyReferences(int handle)
    {
        var e = _events[handle].Event;
        if (e.Properties is not { } p)
        {
            return;
        }

        var ordinal = e.Identities.Count;
        if (p.TargetAuthor is { } author)
        {
            ApplyReference(handle, author, ordinal);
        }

        if (p.Referrer is { } referrer)
        {
            ApplyReference(handle, referrer, ordinal + 1);
        }
    }

    private void ApplyReference(int handle, Identity identity, int ordinal)
    {
        if (_loadScope is { } scope && !scope.Contains(identity))
        {
            return; // a working set: the identity belongs to a customer not loaded, whose state the index keeps
        }

        var key = _events[handle].Key;
        var node = _identities.GetOrAdd(identity, IdentityIndex.Hash(identity), (_policy, key), NewNode, out var created);
        // A shared identity gets a customer only later than it is first seen (from an event that carries nothing but
        // shared identities, or from a reference), so for it the shortcut cannot tell: the component's order decides.
        var touchedBefore = !created && !node.Shared && node.FirstSeen < key && node.Customer is not null;
        if (key < node.FirstSeen)
        {
            node.FirstSeen = key;
        }

        if (node.References is not { Count: > 0 } known || known[^1] != handle)
        {
            (node.References ??= []).Add(handle); // once per event, even one that names the identity as author and referrer
            if (node.FirstReference == EventIndex.None || key < _events[node.FirstReference].Key)
            {
                node.FirstReference = handle;
            }
        }
        if (touchedBefore)
        {
            // In canonical order the identity already has a customer when this event comes: the reference changes
            // nothing whenever it arrives, so no rebuild is needed (a popular brand account is referenced constantly).
            return;
        }

        var root = node.Root();
        if (!created && root.MaxKey > key)
        {
            Recompute(root, EventIndex.None);
            return;
        }

        if (key > root.MaxKey)
        {
            root.MaxKey = key;
        }

        if (node.Customer is null)
        {
            CreateCustomer(handle, ordinal, node);
        }
    }

    /// <summary>
    /// Records which strong identities the event's weak identities were seen with; returns those this made shared
    /// (null when none), which take no further part in linking.
    /// </summary>
    private List<IdentityNode>? SeeTogether()
    {
        List<IdentityNode>? shared = null;
        var nodes = _nodes.AsSpan(0, _nodeCount);
        foreach (var w in nodes)
        {
            if (w.Policy.Strength != IdentityLinkStrength.Weak || w.Shared)
            {
                continue;
            }

            foreach (var n in nodes)
            {
                if (n.Policy.Strength == IdentityLinkStrength.Strong && w.SeeWith(IdentityIndex.Hash(n.Identity)))
                {
                    (shared ??= []).Add(w);
                    break;
                }
            }
        }

        return shared;
    }

    /// <summary>
    /// Keeps, of the event's nodes in <see cref="_nodes"/>, those that link: all but shared identities, or all of them
    /// when the event carries nothing else (its customer is then that of the shared identity).
    /// </summary>
    private void KeepLinkingNodes()
    {
        var kept = 0;
        for (var i = 0; i < _nodeCount; i++)
        {
            if (!_nodes[i].Shared)
            {
                _nodes[kept++] = _nodes[i];
            }
        }

        if (kept > 0)
        {
            Array.Clear(_nodes, kept, _nodeCount - kept);
            _nodeCount = kept;
        }
    }

    /// <summary>Collects an event's linking nodes into <see cref="_nodes"/>.</summary>
    private void CollectLinkingNodes(CustomerEvent e)
    {
        _nodeCount = 0;
        foreach (var identity in e.Identities)
        {
            AddEventNode(_identities.Find(identity)!);
        }

        KeepLinkingNodes();
    }

    /// <summary>
    /// Weak identities just became shared: the components they linked fall apart into what the other identities
    /// link, and are rebuilt as if the identities had always been shared (which, for the final set of events, they
    /// are). The cost is that of those components, once per identity that becomes shared.
    /// </summary>
    private void Relink(List<IdentityNode> shared, IdentityNode eventRoot, int extra)
    {
        // An event that carries only shared identities links them all: once the last of them is shared, it links
        // components that were apart. The rebuild takes in every component the events concerned now link to.
        var roots = new HashSet<IdentityNode>(ReferenceEqualityComparer.Instance);
        var customers = new HashSet<CustomerState>(ReferenceEqualityComparer.Instance);
        var members = new List<IdentityNode>();
        var pending = new Stack<IdentityNode>(shared.Select(w => w.Root()).Append(eventRoot.Root()));
        while (pending.TryPop(out var root))
        {
            if (!roots.Add(root))
            {
                continue;
            }

            foreach (var m in root.Members())
            {
                members.Add(m);
                if (m.Customer is not { } c || !customers.Add(c))
                {
                    continue;
                }

                foreach (var handle in c.Events)
                {
                    CollectLinkingNodes(_events[handle].Event);
                    for (var i = 0; i < _nodeCount; i++)
                    {
                        pending.Push(_nodes[i].Root());
                    }
                }
            }
        }

        Recompute(members, extra, relink: true);
    }

    /// <summary>Rebuilds one raw component from its events in canonical order.</summary>
    /// <param name="root">The component's root.</param>
    /// <param name="extra">The handle of an event to apply with the component's own, or <see cref="EventIndex.None"/>.</param>
    private void Recompute(IdentityNode root, int extra) => Recompute(root.Members().ToList(), extra, relink: false);

    /// <summary>Rebuilds the customers of some identities (whole raw components) from their events in canonical order.</summary>
    /// <param name="members">The identities: every member of each component concerned.</param>
    /// <param name="extra">The handle of an event to apply with the components' own, or <see cref="EventIndex.None"/>.</param>
    /// <param name="relink">Whether to link the components anew from their events first (after identities became shared).</param>
    private void Recompute(List<IdentityNode> members, int extra, bool relink)
    {
        var epoch = ++_epoch;
        var old = new List<CustomerState>();
        var seen = new HashSet<CustomerState>(ReferenceEqualityComparer.Instance);
        var events = new HashSet<int>();
        foreach (var m in members)
        {
            m.Epoch = epoch;
            if (m.Customer is { } c && seen.Add(c))
            {
                old.Add(c);
                foreach (var handle in c.Events)
                {
                    events.Add(handle);
                }
            }

            if (m.FirstReference != EventIndex.None)
            {
                events.Add(m.FirstReference); // only the earliest reference can found the identity's customer; later ones are no-ops in replay
            }
        }

        if (extra != EventIndex.None)
        {
            events.Add(extra);
        }

        foreach (var c in old)
        {
            _customers.Remove(c);
            _changes.Remove(c.Id);
            if (c.Merges is not null)
            {
                foreach (var merge in c.Merges)
                {
                    _merges.Remove(merge.Id);
                }
            }

            if (c.Conflicts is not null)
            {
                _conflicts.ExceptWith(c.Conflicts);
            }
        }

        foreach (var m in members)
        {
            m.Customer = null;
        }

        var ordered = events.ToArray();
        Array.Sort(ordered, (x, y) => _events[x].Key.CompareTo(_events[y].Key));
        if (relink)
        {
            Link(members, ordered);
        }

        foreach (var handle in ordered)
        {
            var e = _events[handle].Event;
            var identities = e.Identities;
            if (!_events[handle].Stub)
            {
                CollectLinkingNodes(e);
                if (_nodes[0].Epoch == epoch)
                {
                    _events[handle].Customer = null;
                    ProcessMain(handle);
                }
            }

            if (e.Properties is { } p)
            {
                ReapplyReference(handle, p.TargetAuthor, identities.Count, epoch);
                ReapplyReference(handle, p.Referrer, identities.Count + 1, epoch);
            }
        }

        foreach (var c in old)
        {
            if (_customers.IsLiveId(c.Id))
            {
                // Founded again with the same id: the ids that named it before (merges, earlier rebuilds) still do,
                // and its profile goes on listing them, however many rebuilds the component goes through.
                if (c.MergedIds is { Count: > 0 } named && _customers.Find(c.Id) is { } again && !ReferenceEquals(again, c))
                {
                    again.KeepMergedIds(named);
                }

                continue;
            }

            var now = c.FoundingNode.Customer ?? members.First(m => m.Customer is not null).Customer!;
            _customers.Alias(c.Id, now);
            (now.MergedIds ??= []).Add(c.Id);
            if (c.MergedIds is not null)
            {
                now.MergedIds.AddRange(c.MergedIds);
            }
        }

        foreach (var m in members)
        {
            if (m.Customer is { } live)
            {
                _customers.Revive(live);
            }
            else if (IndexRows is not null)
            {
                _changes.Orphan(m);
            }
        }
    }

    /// <summary>Links the identities anew into raw components from their events (shared identities link nothing).</summary>
    private void Link(List<IdentityNode> members, int[] events)
    {
        foreach (var m in members)
        {
            m.Unlink();
            if (m.References is { } references)
            {
                foreach (var r in references)
                {
                    if (_events[r].Key > m.MaxKey)
                    {
                        m.MaxKey = _events[r].Key;
                    }
                }
            }
        }

        foreach (var handle in events)
        {
            if (_events[handle].Stub)
            {
                continue; // its own identities are not in the working set, and a reference links nothing
            }

            CollectLinkingNodes(_events[handle].Event);
            var root = _nodes[0].Root();
            for (var i = 1; i < _nodeCount; i++)
            {
                root = IdentityNode.Union(root, _nodes[i].Root());
            }

            if (_events[handle].Key > root.MaxKey)
            {
                root.MaxKey = _events[handle].Key;
            }
        }
    }

    private void ReapplyReference(int handle, Identity? identity, int ordinal, int epoch)
    {
        // The node may not exist yet: the out-of-order event being applied gets its references after the rebuild.
        if (identity is { } id && _identities.Find(id) is { } node && node.Epoch == epoch && node.Customer is null)
        {
            CreateCustomer(handle, ordinal, node);
        }
    }

    /// <summary>Applies an event's identities to the graph and attributes it to a customer (canonical step).</summary>
    private void ProcessMain(int handle)
    {
        var nodes = _nodes.AsSpan(0, _nodeCount);
        MergeRules.SortForApply(nodes);
        var strong = 0;
        while (strong < nodes.Length && nodes[strong].Policy.Strength == IdentityLinkStrength.Strong)
        {
            strong++;
        }

        CustomerState? target = null;
        var limit = strong > 0 ? strong : nodes.Length;
        for (var i = 0; i < limit && target is null; i++)
        {
            target = nodes[i].Customer;
        }

        // Strong identities all new: an anonymous customer (weak identities only) seen with them is who they are.
        for (var i = strong; i < nodes.Length && target is null && strong > 0; i++)
        {
            if (nodes[i].Customer is { StrongCount: 0 } anonymous)
            {
                target = anonymous;
            }
        }

        target ??= CreateCustomer(handle, 0, nodes[0]);
        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            if (n.Customer is null)
            {
                AttachOrSplit(target, n, handle, i);
            }
            else if (!ReferenceEquals(n.Customer, target) && (i < strong || (strong > 0 && n.Customer.StrongCount == 0)))
            {
                // Strong identities merge customers; a weak one only brings an anonymous customer into an identified one.
                target = TryMerge(target, n.Customer, handle, n);
            }
        }

        ref var se = ref _events[handle];
        target.AddEvent(handle, se.Key);
        se.Customer = target;
        _changes.Touch(target);
    }

    private void AddEventNode(IdentityNode node)
    {
        if (_nodeCount == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_nodeCount++] = node;
    }

    private void AttachOrSplit(CustomerState target, IdentityNode n, int handle, int ordinal)
    {
        if (MergeRules.IsKeptApart(n, target))
        {
            CreateCustomer(handle, ordinal, n);
            return;
        }

        if (n.Policy.UniquePerCustomer && MergeRules.Clashes(target, n.Identity, out var held))
        {
            var other = CreateCustomer(handle, ordinal, n);
            RecordConflict(target, other, held, n.Identity, handle);
            return;
        }

        MergeRules.Attach(target, n);
    }

    private CustomerState CreateCustomer(int handle, int ordinal, IdentityNode founding)
    {
        var c = _customers.Create(_events[handle].Key, ordinal, founding);
        MergeRules.Attach(c, founding);
        _changes.Touch(c);
        return c;
    }

    private CustomerState TryMerge(CustomerState a, CustomerState b, int handle, IdentityNode via)
    {
        if (MergeRules.Clashes(a, b, out var held, out var incoming))
        {
            RecordConflict(a, b, held, incoming, handle);
            return a;
        }

        if (MergeRules.AreKeptApart(a, b))
        {
            return a;
        }

        var (survivor, loser) = a.IsOlderThan(b) ? (a, b) : (b, a);
        foreach (var n in loser.Nodes)
        {
            n.Customer = survivor;
        }

        survivor.AddNodes(loser.Nodes);
        survivor.StrongCount += loser.StrongCount;
        if (loser.UniqueValues is not null)
        {
            (survivor.UniqueValues ??= []).AddRange(loser.UniqueValues);
        }

        foreach (var ev in loser.Events)
        {
            _events[ev].Customer = survivor;
        }

        survivor.AddEvents(loser);

        if (loser.Merges is not null)
        {
            (survivor.Merges ??= []).AddRange(loser.Merges);
        }

        if (loser.Conflicts is not null)
        {
            (survivor.Conflicts ??= []).AddRange(loser.Conflicts);
        }

        (survivor.MergedIds ??= []).Add(loser.Id);
        if (loser.MergedIds is not null)
        {
            survivor.MergedIds.AddRange(loser.MergedIds);
        }

        var e = _events[handle].Event;
        var record = new MergeRecord(
            DeterministicId.Create("mrg_", survivor.Id, loser.Id, e.Id),
            survivor.Id,
            loser.Id,
            e.Id,
            via.Identity,
            e.OccurredAt);
        (survivor.Merges ??= []).Add(record);
        _merges[record.Id] = new MergeEntry(record, survivor.FoundingNode, loser.FoundingNode);
        _customers.Retire(loser, survivor);
        _changes.Remove(loser.Id);
        _changes.Touch(survivor);
        return survivor;
    }

    private void RecordConflict(CustomerState holder, CustomerState other, Identity existing, Identity incoming, int handle)
    {
        var e = _events[handle].Event;
        var conflict = new IdentityConflict(
            DeterministicId.Create("cfl_", e.Id, existing.ToString(), incoming.ToString()),
            holder.Id,
            other.Id,
            existing.Kind,
            existing.Scope,
            existing.Value,
            incoming.Value,
            e.Id,
            e.OccurredAt);
        (holder.Conflicts ??= []).Add(conflict);
        (other.Conflicts ??= []).Add(conflict);
        _conflicts.Add(conflict);
        _changes.Touch(holder);
        _changes.Touch(other);
    }

    private readonly record struct MergeEntry(MergeRecord Record, IdentityNode SurvivorAnchor, IdentityNode MergedAnchor);
}

/// <summary>
/// The outcome of applying one event: the customer it went to, which a later event of the same batch may still merge
/// away (<see cref="CustomerDirectory.LiveIdOf"/> gives the id it ended in).
/// </summary>
internal readonly record struct ApplyOutcome(IngestStatus Status, CustomerState? Customer);
