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

    // A plain array and count rather than a List: one object less to reach on every event of a returning customer.
    // Empty until the first event: most customers founded by a reference (a Weibo account someone reposted) never get one.
    private StoredEvent[] _events = [];
    private int _eventCount;
    private EventKey _lastKey; // the key of the last event appended, so an append reads no other event

    public List<IdentityNode> Nodes { get; } = new(2);

    /// <summary>The events attributed to the customer (ascending by key when <see cref="EventsSorted"/>).</summary>
    public ReadOnlySpan<StoredEvent> Events => _events.AsSpan(0, _eventCount);

    public int EventCount => _eventCount;

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

    public void AddEvent(StoredEvent se)
    {
        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, Math.Max(2, _eventCount * 2));
        }

        _events[_eventCount++] = se;
        var key = se.Key;
        if (_eventCount > 1 && key < _lastKey)
        {
            EventsSorted = false;
        }

        _lastKey = key;
    }

    /// <summary>Reads the end of the event array, so that appending to it finds the line in cache (see GraphState.LookAhead).</summary>
    /// <returns>Anything; the read is the point.</returns>
    public int Warm() => _eventCount == 0 ? 0 : _events[_eventCount - 1] is null ? 1 : 2;

    /// <summary>Takes over another customer's events (a merge); the result is sorted lazily.</summary>
    public void AddEvents(ReadOnlySpan<StoredEvent> events)
    {
        if (events.IsEmpty)
        {
            return;
        }

        EventsSorted = _eventCount == 0 && EventsSorted;
        var needed = _eventCount + events.Length;
        if (needed > _events.Length)
        {
            Array.Resize(ref _events, Math.Max(needed, _events.Length * 2));
        }

        events.CopyTo(_events.AsSpan(_eventCount));
        _eventCount = needed;
        _lastKey = events[^1].Key;
    }

    /// <summary>The profile folded over every event, bringing it up to date first.</summary>
    /// <param name="defaultCurrency">The currency of amounts that name none.</param>
    /// <returns>The profile (read-only: it is updated only here).</returns>
    public ref readonly ProfileAccumulator Profile(string defaultCurrency)
    {
        var profile = _profile ??= new FoldedProfile();
        for (; _folded < _eventCount; _folded++)
        {
            profile.Value.Apply(_events[_folded], defaultCurrency);
        }

        return ref profile.Value;
    }

    /// <summary>Sorts the events by key (after folding them all, since sorting mixes folded and unfolded ones).</summary>
    /// <param name="defaultCurrency">The currency of amounts that name none.</param>
    public void SortEvents(string defaultCurrency)
    {
        if (!EventsSorted)
        {
            _ = Profile(defaultCurrency);
            Array.Sort(_events, 0, _eventCount, EventKeyComparer.Instance);
            EventsSorted = true;
            _lastKey = _events[_eventCount - 1].Key; // the newest now ends the array
        }
    }

    private sealed class FoldedProfile
    {
        public ProfileAccumulator Value = new();
    }

    private sealed class EventKeyComparer : IComparer<StoredEvent>
    {
        public static readonly EventKeyComparer Instance = new();

        public int Compare(StoredEvent? x, StoredEvent? y) => x!.Key.CompareTo(y!.Key);
    }
}
