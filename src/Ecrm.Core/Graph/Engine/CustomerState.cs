namespace Ecrm.Graph.Engine;

/// <summary>A customer: a group of identities with the events attributed to it and their folded profile.</summary>
internal sealed class CustomerState
{
    public CustomerState(string id, EventKey founded, int foundingOrdinal, IdentityNode foundingNode)
    {
        Id = id;
        Founded = founded;
        FoundingOrdinal = foundingOrdinal;
        FoundingNode = foundingNode;
    }

    public string Id { get; }

    /// <summary>The key of the event that created the customer; the older customer survives a merge.</summary>
    public EventKey Founded { get; }

    public int FoundingOrdinal { get; }

    public IdentityNode FoundingNode { get; }

    // Small lists (the first item inline): most customers have one identity and one event, and a customer founded by a
    // reference (a Weibo account someone reposted) has no event at all.
    private SmallList<int> _events; // handles into the graph's EventIndex
    private SmallList<IdentityNode> _nodes;
    private EventKey _lastKey; // the key of the last event appended, so an append reads no other event

    /// <summary>The customer's identities, in the order they joined.</summary>
    public ReadOnlySpan<IdentityNode> Nodes => _nodes.AsSpan();

    /// <summary>The handles of the events attributed to the customer (ascending by key when <see cref="EventsSorted"/>).</summary>
    public ReadOnlySpan<int> Events => _events.AsSpan();

    public int EventCount => _events.Count;

    /// <summary>How many strong identities the customer holds; 0 for an anonymous customer (cookies and devices only).</summary>
    public int StrongCount { get; set; }

    /// <summary>Whether this customer left the graph (merged into another, or replaced by a rebuild).</summary>
    public bool Retired { get; set; }

    /// <summary>The change-tracking stamp of the last unit of work that touched this customer.</summary>
    public int TouchStamp { get; set; }

    /// <summary>Whether <see cref="Events"/> is in ascending key order.</summary>
    public bool EventsSorted { get; set; } = true;

    // The profile is folded lazily: ingestion only appends events, and the first read after new events folds the ones
    // not folded yet (_events[.._folded] are folded; the fold is order-free, so merges simply append). Ingestion then
    // never touches the profile's arrays, which for a returning customer are several cache misses per event.
    // The accumulator lives in an object of its own, allocated by the first read: ingestion never reads it, and most
    // customers of a bulk load are not read before it ends, so their state stays about 100 bytes smaller.
    private FoldedProfile? _profile;
    private int _folded;

    /// <summary>Values held for unique identity kinds (kind + scope → value).</summary>
    public List<Identity>? UniqueValues { get; set; }

    public List<MergeRecord>? Merges { get; set; }

    public List<IdentityConflict>? Conflicts { get; set; }

    public List<string>? MergedIds { get; set; }

    /// <summary>Adds ids that name the customer to <see cref="MergedIds"/>, each once (its own id is not listed).</summary>
    /// <param name="ids">The ids.</param>
    public void KeepMergedIds(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (!string.Equals(id, Id, StringComparison.Ordinal) && (MergedIds is null || !MergedIds.Contains(id)))
            {
                (MergedIds ??= []).Add(id);
            }
        }
    }

    /// <summary>What the store's graph index holds of the customer's own row (see <see cref="GraphIndexing"/>); null until written.</summary>
    public GraphIndexing.RowMark? IndexedRow { get; set; }

    public bool IsOlderThan(CustomerState other)
    {
        var c = Founded.CompareTo(other.Founded);
        return c != 0 ? c < 0 : FoundingOrdinal < other.FoundingOrdinal;
    }

    public bool TryGetUnique(Identity identity, out Identity held)
    {
        if (UniqueValues is not null)
        {
            foreach (var u in UniqueValues)
            {
                if (u.Kind == identity.Kind && string.Equals(u.Scope, identity.Scope, StringComparison.Ordinal))
                {
                    held = u;
                    return true;
                }
            }
        }

        held = default;
        return false;
    }

    /// <summary>Adds an identity (the caller keeps the counts and unique values).</summary>
    public void AddNode(IdentityNode node) => _nodes.Add(node);

    /// <summary>Takes over another customer's identities (a merge).</summary>
    public void AddNodes(ReadOnlySpan<IdentityNode> nodes) => _nodes.AddRange(nodes);

    /// <summary>Appends an event.</summary>
    /// <param name="handle">The event's handle.</param>
    /// <param name="key">Its key.</param>
    public void AddEvent(int handle, EventKey key)
    {
        _events.Add(handle);
        if (_events.Count > 1 && key < _lastKey)
        {
            EventsSorted = false;
        }

        _lastKey = key;
    }

    /// <summary>Reads the end of the event list, so that appending to it finds the line in cache (see GraphState.LookAhead).</summary>
    /// <returns>Anything; the read is the point.</returns>
    public int Warm() => _events.Touch();

    /// <summary>Takes over another customer's events (a merge); the result is sorted lazily.</summary>
    /// <param name="other">The customer whose events are taken over.</param>
    public void AddEvents(CustomerState other)
    {
        var events = other.Events;
        if (events.IsEmpty)
        {
            return;
        }

        EventsSorted = _events.Count == 0 && EventsSorted && other.EventsSorted;
        _events.AddRange(events);
        _lastKey = other._lastKey;
    }

    /// <summary>The profile folded over every event, bringing it up to date first.</summary>
    /// <param name="store">The graph's events.</param>
    /// <param name="defaultCurrency">The currency of amounts that name none.</param>
    /// <returns>The profile (read-only: it is updated only here).</returns>
    public ref readonly ProfileAccumulator Profile(EventIndex store, string defaultCurrency)
    {
        var profile = _profile ??= new FoldedProfile();
        var events = _events.AsSpan();
        for (; _folded < events.Length; _folded++)
        {
            ref var se = ref store[events[_folded]];
            profile.Value.Apply(se.Event, se.Key, defaultCurrency);
        }

        return ref profile.Value;
    }

    /// <summary>Sorts the events by key (after folding them all, since sorting mixes folded and unfolded ones).</summary>
    /// <param name="store">The graph's events.</param>
    /// <param name="defaultCurrency">The currency of amounts that name none.</param>
    public void SortEvents(EventIndex store, string defaultCurrency)
    {
        if (!EventsSorted)
        {
            _ = Profile(store, defaultCurrency);
            _events.AsSpan().Sort(new EventKeyComparer(store));
            EventsSorted = true;
            _lastKey = store[_events.Last].Key; // the newest now ends the list
        }
    }

    private sealed class FoldedProfile
    {
        public ProfileAccumulator Value = new();
    }

    private readonly struct EventKeyComparer(EventIndex store) : IComparer<int>
    {
        public int Compare(int x, int y) => store[x].Key.CompareTo(store[y].Key);
    }
}
