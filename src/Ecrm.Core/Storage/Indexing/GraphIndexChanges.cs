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
    private readonly Dictionary<long, string> _events = [];
    private readonly HashSet<(Identity, long)> _references = [];

    internal GraphIndexChanges(bool replaces) => Replaces = replaces;

    /// <summary>Gets a value indicating whether these rows replace the whole index (after a rebuild or an erasure).</summary>
    public bool Replaces { get; }

    /// <summary>Gets the last log sequence the index reflects once these rows are written.</summary>
    public long Sequence { get; internal set; }

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
    public IEnumerable<IndexedEvent> Events => _events.Select(kv => new IndexedEvent(kv.Key, kv.Value));

    /// <summary>Gets the references to insert (each is written once, with its event's first placement).</summary>
    public IEnumerable<IndexedReference> References => _references.Select(r => new IndexedReference(r.Item1, r.Item2));

    /// <summary>Gets the number of rows to write or delete.</summary>
    public int Count => _customers.Count + _identities.Count + _events.Count + _references.Count;

    internal void Add(IndexedCustomer customer) => _customers[customer.Id] = customer;

    internal void RemoveCustomer(string id) => _customers[id] = null;

    internal void Add(IndexedIdentity identity) => _identities[identity.Identity] = identity;

    internal void RemoveIdentity(Identity identity) => _identities[identity] = null;

    internal void Add(IndexedEvent placement) => _events[placement.Sequence] = placement.CustomerId;

    internal void Add(IndexedReference reference) => _references.Add((reference.Identity, reference.Sequence));
}
