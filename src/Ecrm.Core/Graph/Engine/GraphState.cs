using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The customer graph held in memory: identities, customers, events, merges, conflicts and aliases, with the
/// resolution algorithm that builds customers from events. Not thread-safe: the owning store serialises access.
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
    private const int MaxAliasHops = 256;
    private readonly IdentityPolicy _policy;
    private readonly string _defaultCurrency;
    private readonly EventIndex _events = new();
    private readonly IdentityIndex _identities = new();
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MergeEntry> _merges = new(StringComparer.Ordinal);
    private IdentityNode[] _nodes = new IdentityNode[8]; // the nodes of the event being applied (an array, not a List<T>: stores skip the covariance check)
    private int _nodeCount;
    private readonly ChangeTracker _changes = new();
    private readonly HashSet<IdentityConflict> _conflicts = [];
    private int _epoch;
    private int _reserved;

    // The look-ahead of a batch (see LookAhead): the nodes of the reserved events' identities, found before applying.
    private IdentityNode?[] _ahead = [];
    private ulong[] _aheadHashes = [];
    private int[] _aheadEvents = [];
    private int _aheadCount;
    private int _aheadEventCount;
    private int _aheadEventNext;
    private int _aheadNext;
    private int _aheadSink;

    public GraphState(IdentityPolicy policy, string defaultCurrency)
    {
        _policy = policy;
        _defaultCurrency = defaultCurrency;
    }

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
    /// Reads the index slots of a batch's event ids (their <see cref="EventIndex.Hash"/>es) ahead of <see cref="Reserve"/>:
    /// the reads do not wait for each other, so their cache misses overlap instead of coming one per insert.
    /// </summary>
    public void TouchEventIds(ReadOnlySpan<ulong> hashes)
    {
        ulong sink = 0;
        foreach (var hash in hashes)
        {
            sink ^= _events.Touch(hash);
        }

        _aheadSink ^= (int)sink; // kept, so the reads are not optimised away
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
        var count = se.Event.Identities.Count;
        ReadOnlySpan<IdentityNode?> known = default;
        ReadOnlySpan<ulong> hashes = default;
        if (_aheadEventNext < _aheadEventCount && _aheadEvents[_aheadEventNext] == reserved)
        {
            known = _ahead.AsSpan(_aheadNext, count);
            hashes = _aheadHashes.AsSpan(_aheadNext, count);
            _aheadEventNext++;
            _aheadNext += count;
        }

        return ApplyNew(reserved, known, hashes);
    }

    /// <summary>
    /// Looks up the identities of a batch's reserved events before they are applied, in three passes whose reads do
    /// not depend on each other within a pass (index slots, then candidate nodes, then identity values and customers),
    /// so the processor overlaps their cache misses instead of waiting for each in turn while applying. <see cref="Apply(int)"/> then uses the nodes found,
    /// as long as the events come in the same order; identities not found yet are looked up again when applied (an
    /// earlier event of the batch may create them).
    /// </summary>
    public void LookAhead(ReadOnlySpan<int> reserved)
    {
        var events = 0;
        var identities = 0;
        foreach (var handle in reserved)
        {
            if (handle != EventIndex.None)
            {
                events++;
                identities += _events[handle].Event.Identities.Count;
            }
        }

        if (_ahead.Length < identities)
        {
            _ahead = new IdentityNode?[Math.Max(identities, _ahead.Length * 2)];
        }

        if (_aheadEvents.Length < events)
        {
            _aheadEvents = new int[Math.Max(events, _aheadEvents.Length * 2)];
        }

        if (_aheadHashes.Length < identities)
        {
            _aheadHashes = new ulong[_ahead.Length];
        }

        // Stage 1: hash every identity and touch the slot its probe starts at (independent reads, overlapped).
        var pos = 0;
        var k = 0;
        ulong touched = 0;
        foreach (var handle in reserved)
        {
            if (handle == EventIndex.None)
            {
                continue;
            }

            _aheadEvents[k++] = handle;
            var list = _events[handle].Event.Identities;
            for (var i = 0; i < list.Count; i++)
            {
                var hash = IdentityIndex.Hash(list[i]);
                _aheadHashes[pos++] = hash;
                touched ^= _identities.Touch(hash);
            }
        }

        // Stage 2: the candidate node of each hash (slots now in cache), touching the node.
        var sink = (int)touched;
        for (var i = 0; i < pos; i++)
        {
            var candidate = _identities.Candidate(_aheadHashes[i]);
            _ahead[i] = candidate;
            sink += candidate?.Customer is null ? 0 : 1;
        }

        // Stage 3: confirm each candidate (its value now a read away), touching the customer and the end of its events.
        pos = 0;
        for (var e = 0; e < k; e++)
        {
            var list = _events[_aheadEvents[e]].Event.Identities;
            for (var i = 0; i < list.Count; i++, pos++)
            {
                var node = _ahead[pos];
                if (node is not null && !node.Identity.Equals(list[i]))
                {
                    node = _ahead[pos] = _identities.Find(list[i], _aheadHashes[pos]); // a hash shared by two identities
                }

                if (node?.Customer is { } c)
                {
                    sink += c.Warm();
                }
            }
        }

        _aheadSink = sink; // kept, so the reads that fill the cache are not optimised away
        _aheadCount = pos;
        _aheadEventCount = k;
        _aheadEventNext = 0;
        _aheadNext = 0;
    }

    /// <summary>Forgets the look-ahead (after the batch, so it holds no references).</summary>
    public void EndLookAhead()
    {
        Array.Clear(_ahead, 0, _aheadCount);
        _aheadCount = 0;
        _aheadEventCount = 0;
        _aheadEventNext = 0;
        _aheadNext = 0;
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

    /// <summary>Returns and clears the customers changed since the last call.</summary>
    public CustomerChangeSet CollectChanges() => _changes.Collect(this);

    /// <summary>Whether the customer is still in the graph (not merged away or replaced by a rebuild).</summary>
    public static bool IsLive(CustomerState c) => !c.Retired;

    public string? Resolve(Identity identity)
        => _identities.Find(identity)?.Customer?.Id;

    /// <summary>Resolves a customer id, following merges, to the live id; null when unknown.</summary>
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

    /// <summary>The id a customer goes by now: its own while live, else that of the customer it was merged into.</summary>
    public string? LiveIdOf(CustomerState c) => c.Retired ? ResolveId(c.Id) : c.Id;

    public CustomerState? Find(string id) => ResolveId(id) is { } live ? _customers[live] : null;

    public CustomerEvent? FindEvent(string id)
        => _events.Find(id) is var handle && handle != EventIndex.None && !_events[handle].Reserved ? _events[handle].Event : null;

    /// <summary>The events of a customer (copies of the records).</summary>
    public IEnumerable<StoredEvent> EventsOf(CustomerState c) => c.Events.ToArray().Select(h => _events[h]);

    /// <summary>Every stored event (copies of the records), in the order they were stored.</summary>
    public IEnumerable<StoredEvent> AllEvents => _events.Handles.Select(h => _events[h]).Where(se => !se.Reserved);

    public bool HasMerge(string mergeId) => _merges.ContainsKey(mergeId);

    public IEnumerable<CustomerState> Customers => _customers.Values;

    public int ConflictCount => _conflicts.Count;

    public int MergeCount => _merges.Count;

    /// <summary>Whether the customer has no purchase (a prospect).</summary>
    public bool IsProspect(CustomerState c) => c.Profile(_events, _defaultCurrency).Orders == 0;

    /// <summary>Builds the profile of a live customer.</summary>
    public CustomerProfile BuildProfile(CustomerState c)
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

            if (p.TargetAuthor is { } author && Resolve(author) is { } to)
            {
                Add(to, KindOf(se.Event.Type), RelationDirection.Outbound, se.Key);
            }

            if (p.Referrer is { } referrer && Resolve(referrer) is { } by)
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

    public IReadOnlyList<MergeRecord> MergesOf(CustomerState c)
        => c.Merges is null ? [] : [.. c.Merges.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id, StringComparer.Ordinal)];

    public IReadOnlyList<IdentityConflict> ConflictsOf(CustomerState c)
        => c.Conflicts is null ? [] : [.. c.Conflicts.Distinct().OrderBy(x => x.OccurredAt).ThenBy(x => x.Id, StringComparer.Ordinal)];

    public IEnumerable<IdentityConflict> AllConflicts()
        => _conflicts.OrderBy(x => x.OccurredAt).ThenBy(x => x.Id, StringComparer.Ordinal);

    /// <summary>Undoes a merge: the two sides may never share a customer again; their component is rebuilt.</summary>
    public (string SurvivorId, string RestoredId) UndoMerge(string mergeId)
    {
        if (!_merges.TryGetValue(mergeId, out var entry))
        {
            throw new MergeNotFoundException(mergeId);
        }

        var a = entry.SurvivorAnchor;
        var b = entry.MergedAnchor;
        (a.CannotLink ??= []).Add(b);
        (b.CannotLink ??= []).Add(a);
        Recompute(a.Root(), EventIndex.None);
        KeepApart(a.Customer!, b.Customer!);
        return (a.Customer!.Id, b.Customer!.Id);
    }

    /// <summary>
    /// After an undo, forbids every identity of one side to link with every identity of the other, not only the two
    /// founding identities: a founding identity that later becomes shared links nothing, and the undo must outlive it
    /// (found in review: a device that founded the merged side became shared, and the other side merged again). Up to
    /// 64 identities a side; beyond that the founding identities and the first 64 of each side.
    /// </summary>
    private static void KeepApart(CustomerState a, CustomerState b)
    {
        const int MaxPerSide = 64;
        if (ReferenceEquals(a, b))
        {
            return;
        }

        var left = a.Nodes.ToArray().Take(MaxPerSide).ToArray();
        var right = b.Nodes.ToArray().Take(MaxPerSide).ToArray();
        foreach (var x in left)
        {
            foreach (var y in right)
            {
                if (!(x.CannotLink?.Contains(y) ?? false))
                {
                    (x.CannotLink ??= []).Add(y);
                    (y.CannotLink ??= []).Add(x);
                }
            }
        }
    }

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
            if (!string.Equals(id, c.Id, StringComparison.Ordinal) && !result.Contains(id) && ResolveId(id) == c.Id)
            {
                result.Add(id);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
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
        var key = _events[handle].Key;
        var node = _identities.GetOrAdd(identity, IdentityIndex.Hash(identity), (_policy, key), NewNode, out var created);
        // A shared identity gets a customer only later than it is first seen (from an event that carries nothing but
        // shared identities, or from a reference), so for it the shortcut cannot tell: the component's order decides.
        var touchedBefore = !created && !node.Shared && node.FirstSeen < key && node.Customer is not null;
        if (key < node.FirstSeen)
        {
            node.FirstSeen = key;
        }

        (node.References ??= []).Add(handle);
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

            if (m.References is { Count: > 0 } references)
            {
                // Only the earliest reference can found the identity's customer; later ones are no-ops in replay.
                var first = references[0];
                foreach (var r in references)
                {
                    if (_events[r].Key < _events[first].Key)
                    {
                        first = r;
                    }
                }

                events.Add(first);
            }
        }

        if (extra != EventIndex.None)
        {
            events.Add(extra);
        }

        foreach (var c in old)
        {
            _customers.Remove(c.Id);
            c.Retired = true;
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
            CollectLinkingNodes(e);
            if (_nodes[0].Epoch == epoch)
            {
                _events[handle].Customer = null;
                ProcessMain(handle);
            }

            if (e.Properties is { } p)
            {
                ReapplyReference(handle, p.TargetAuthor, identities.Count, epoch);
                ReapplyReference(handle, p.Referrer, identities.Count + 1, epoch);
            }
        }

        foreach (var c in old)
        {
            if (_customers.ContainsKey(c.Id))
            {
                continue;
            }

            var now = c.FoundingNode.Customer ?? members.First(m => m.Customer is not null).Customer!;
            _aliases[c.Id] = now.Id;
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
                _aliases.Remove(live.Id);
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
        SortNodes(nodes);
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

    private static void SortNodes(Span<IdentityNode> nodes)
    {
        for (var i = 1; i < nodes.Length; i++)
        {
            var x = nodes[i];
            var j = i - 1;
            while (j >= 0 && IdentityNode.Compare(nodes[j], x) > 0)
            {
                nodes[j + 1] = nodes[j];
                j--;
            }

            nodes[j + 1] = x;
        }
    }

    private void AttachOrSplit(CustomerState target, IdentityNode n, int handle, int ordinal)
    {
        if (IsForbidden(n, target))
        {
            CreateCustomer(handle, ordinal, n);
            return;
        }

        if (n.Policy.UniquePerCustomer && target.TryGetUnique(n.Identity, out var held) && held.Value != n.Identity.Value)
        {
            var other = CreateCustomer(handle, ordinal, n);
            RecordConflict(target, other, held, n.Identity, handle);
            return;
        }

        Attach(target, n);
    }

    private static void Attach(CustomerState c, IdentityNode n)
    {
        n.Customer = c;
        c.AddNode(n);
        if (n.Policy.Strength == IdentityLinkStrength.Strong)
        {
            c.StrongCount++;
        }

        if (n.Policy.UniquePerCustomer)
        {
            (c.UniqueValues ??= new List<Identity>(1)).Add(n.Identity);
        }
    }

    private static bool IsForbidden(IdentityNode n, CustomerState target)
    {
        if (n.CannotLink is null)
        {
            return false;
        }

        foreach (var p in n.CannotLink)
        {
            if (ReferenceEquals(p.Customer, target))
            {
                return true;
            }
        }

        return false;
    }

    private CustomerState CreateCustomer(int handle, int ordinal, IdentityNode founding)
    {
        var ordinalText = ordinal.ToString(CultureInfo.InvariantCulture);
        var key = _events[handle].Key;
        var id = DeterministicId.Create("cus_", key.Id, ordinalText);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out var taken);
        for (var attempt = 1; taken; attempt++)
        {
            // A hash collision with a live customer (only ever seen with crafted event ids): derive another id.
            id = DeterministicId.Create("cus_", key.Id, ordinalText, attempt.ToString(CultureInfo.InvariantCulture));
            slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out taken);
        }

        // An alias left under this id by an earlier generation is removed when a rebuild ends.
        var c = new CustomerState(id, key, ordinal, founding);
        slot = c;
        Attach(c, founding);
        _changes.Touch(c);
        return c;
    }

    private CustomerState TryMerge(CustomerState a, CustomerState b, int handle, IdentityNode via)
    {
        if (b.UniqueValues is not null)
        {
            foreach (var u in b.UniqueValues)
            {
                if (a.TryGetUnique(u, out var held) && held.Value != u.Value)
                {
                    RecordConflict(a, b, held, u, handle);
                    return a;
                }
            }
        }

        var (small, large) = a.Nodes.Length <= b.Nodes.Length ? (a, b) : (b, a);
        foreach (var n in small.Nodes)
        {
            if (IsForbidden(n, large))
            {
                return a;
            }
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
        _customers.Remove(loser.Id);
        loser.Retired = true;
        _aliases[loser.Id] = survivor.Id;
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
/// away (<see cref="GraphState.LiveIdOf"/> gives the id it ended in).
/// </summary>
internal readonly record struct ApplyOutcome(IngestStatus Status, CustomerState? Customer);
