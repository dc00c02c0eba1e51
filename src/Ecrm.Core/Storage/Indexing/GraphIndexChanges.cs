namespace Ecrm.Storage;

/// <summary>
/// What one unit of work changed in the rows of a store's graph index (see <see cref="IGraphIndex"/>), for the store
/// to write in one transaction: upserts by key, then the statistics and the sequence the index now reflects. When
/// <see cref="Replaces"/> is true the rows are the whole index, and every row not among them is to be deleted.
/// </summary>
public sealed class GraphIndexChanges
{
    // Keyed, so that rows collected over several change sets (a catch-up, then a batch) keep only the last of each.
    private readonly Dictionary<string, IndexedCustomer?> _customers = new(StringComparer.Ordinal); // null: delete
    private readonly Dictionary<Identity, IndexedIdentity?> _identities = []; // null: delete
    private readonly Dictionary<long, (string Customer, string? Previous)> _events = [];
    private readonly Dictionary<(Identity, long), string> _references = [];
    private readonly Dictionary<Identity, IndexedSharedIdentity> _shared = [];
    private readonly List<IndexedEventId> _eventIds = []; // one per event, when it is first placed
    private readonly HashSet<IndexedKeptApart> _keptApart = []; // each pair once per direction
    private readonly Dictionary<string, string> _merges = new(StringComparer.Ordinal); // merge id to the customer listing it

    private readonly bool _discard;

    internal GraphIndexChanges(bool replaces, bool discard = false)
    {
        Replaces = replaces;
        _discard = discard;
    }

    /// <summary>Gets a value indicating whether these rows replace the whole index (after a rebuild or an erasure).</summary>
    public bool Replaces { get; }

    /// <summary>Gets the last log sequence the index reflects once these rows are written.</summary>
    public long Sequence { get; internal set; }

    /// <summary>
    /// Gets what the rows were built under (the engine's index format and the options that shape the graph), to be kept
    /// with the sequence: an opening whose options give another fingerprint does not use the index.
    /// </summary>
    public string Fingerprint { get; internal set; } = string.Empty;

    /// <summary>Gets the graph's sizes once these rows are written.</summary>
    public IndexedGraphStatistics Statistics { get; internal set; }

    /// <summary>Gets the customer rows to insert or replace (by id).</summary>
    public IEnumerable<IndexedCustomer> Customers => _customers.Values.OfType<IndexedCustomer>();

    /// <summary>Gets the ids whose customer rows are to be deleted (ids that name no customer any more).</summary>
    public IEnumerable<string> RemovedCustomers => _customers.Where(kv => kv.Value is null).Select(kv => kv.Key);

    /// <summary>Gets the identity rows to insert or replace (by identity).</summary>
    public IEnumerable<IndexedIdentity> Identities => _identities.Values.OfType<IndexedIdentity>();

    /// <summary>Gets the identities whose rows are to be deleted (identities that belong to no customer any more).</summary>
    public IEnumerable<Identity> RemovedIdentities => _identities.Where(kv => kv.Value is null).Select(kv => kv.Key);

    /// <summary>Gets the placements to insert or replace (by sequence).</summary>
    public IEnumerable<IndexedEvent> Events => _events.Select(kv => new IndexedEvent(kv.Key, kv.Value.Customer, kv.Value.Previous));

    /// <summary>Gets the references to insert or replace (by identity and sequence): written with the event's placement, and again when the event moves.</summary>
    public IEnumerable<IndexedReference> References => _references.Select(r => new IndexedReference(r.Key.Item1, r.Key.Item2, r.Value));

    /// <summary>Gets the shared identities to insert or replace (by identity); an identity once shared stays shared until an erasure rewrites the index.</summary>
    public IEnumerable<IndexedSharedIdentity> SharedIdentities => _shared.Values;

    /// <summary>Gets the event ids to insert (one per logged event, written once).</summary>
    public IEnumerable<IndexedEventId> EventIds => _eventIds;

    /// <summary>Gets the kept-apart pairs to insert, in both directions (an undo adds them; they are never removed but by an erasure, which rewrites the index).</summary>
    public IEnumerable<IndexedKeptApart> KeptApart => _keptApart;

    /// <summary>Gets the merges to insert or replace (by merge id), with the customer whose row lists them.</summary>
    public IEnumerable<IndexedMerge> Merges => _merges.Select(kv => new IndexedMerge(kv.Key, kv.Value));

    /// <summary>Gets the number of rows to write or delete.</summary>
    public int Count => _customers.Count + _identities.Count + _events.Count + _references.Count + _shared.Count + _eventIds.Count + _keptApart.Count + _merges.Count;

    internal void Add(IndexedKeptApart pair)
    {
        if (!_discard)
        {
            _keptApart.Add(pair);
            _keptApart.Add(new IndexedKeptApart(pair.Other, pair.Identity));
        }
    }

    internal void Add(IndexedMerge merge)
    {
        if (!_discard)
        {
            _merges[merge.MergeId] = merge.CustomerId;
        }
    }

    internal void Add(IndexedEventId eventId)
    {
        if (!_discard)
        {
            _eventIds.Add(eventId);
        }
    }

    internal void Add(IndexedSharedIdentity shared)
    {
        if (!_discard)
        {
            _shared[shared.Identity] = shared;
        }
    }

    internal void Add(IndexedCustomer customer)
    {
        if (!_discard)
        {
            _customers[customer.Id] = customer;
        }
    }

    internal void RemoveCustomer(string id)
    {
        if (!_discard)
        {
            _customers[id] = null;
        }
    }

    internal void Add(IndexedIdentity identity)
    {
        if (!_discard)
        {
            _identities[identity.Identity] = identity;
        }
    }

    internal void RemoveIdentity(Identity identity)
    {
        if (!_discard)
        {
            _identities[identity] = null;
        }
    }

    internal void Add(IndexedEvent placement)
    {
        if (_discard)
        {
            return;
        }

        // The row to delete is the one written before these rows: an earlier move in the same rows never reached the index.
        var previous = _events.TryGetValue(placement.Sequence, out var pending) ? pending.Previous : placement.PreviousCustomerId;
        _events[placement.Sequence] = (placement.CustomerId, Replaces ? null : previous);
    }

    internal void Add(IndexedReference reference)
    {
        if (!_discard)
        {
            _references[(reference.Identity, reference.Sequence)] = reference.ActorId;
        }
    }
}
