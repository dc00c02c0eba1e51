namespace Ecrm.Graph.Engine;

/// <summary>
/// A node of the customer graph. It belongs to one customer (<see cref="Customer"/>) and to one raw component: the
/// identities ever seen together, directly or transitively, before any uniqueness rule splits them into customers.
/// Raw components are a union-find forest whose roots keep the component's size, latest event key and member list
/// (an intrusive singly linked list, so a union allocates nothing).
/// </summary>
internal sealed class IdentityNode
{
    public IdentityNode(Identity identity, EventKey firstSeen, IdentityKindOptions policy)
    {
        Identity = identity;
        FirstSeen = firstSeen;
        Policy = policy;
        Parent = this;
        LastMember = this;
        Size = 1;
        MaxKey = firstSeen;
    }

    public Identity Identity { get; }

    /// <summary>The policy of the identity's kind, cached to keep the hot path free of look-ups.</summary>
    public IdentityKindOptions Policy { get; }

    public EventKey FirstSeen { get; set; }

    public CustomerState? Customer { get; set; }

    /// <summary>The customer the store's graph index last filed the identity under (see <see cref="GraphIndexing"/>).</summary>
    public CustomerState? IndexedCustomer { get; set; }

    /// <summary>The first-seen key the store's graph index holds for the identity.</summary>
    public EventKey IndexedFirstSeen { get; set; }

    /// <summary>The log sequence of the earliest reference the store's graph index holds for the identity (0: none).</summary>
    public long IndexedFirstReference { get; set; }

    /// <summary>Whether the store's graph index holds the identity as shared.</summary>
    public bool IndexedShared { get; set; }

    /// <summary>
    /// At a root: the component's name in the store's graph index (null until asked, then the root's identity). It
    /// stays the root's while the root stays a root, so only the members of the smaller side of a union are renamed.
    /// </summary>
    public string? Label { get; set; }

    /// <summary>Union-find parent over raw components (self at a root).</summary>
    public IdentityNode Parent { get; private set; }

    /// <summary>At a root: the latest event key that touched the component.</summary>
    public EventKey MaxKey { get; set; }

    /// <summary>At a root: the number of members.</summary>
    public int Size { get; private set; }

    /// <summary>The next member of the same component (the list starts at the root).</summary>
    public IdentityNode? NextMember { get; private set; }

    /// <summary>At a root: the last member of the component's list.</summary>
    private IdentityNode LastMember { get; set; }

    /// <summary>The handles of events of other people that name this identity as target author or referrer.</summary>
    public List<int>? References { get; set; }

    /// <summary>The handle of the earliest (by key) of <see cref="References"/>, or <see cref="EventIndex.None"/>.</summary>
    public int FirstReference { get; set; } = EventIndex.None;

    /// <summary>Identities this one must never share a customer with (from undone merges).</summary>
    public List<IdentityNode>? CannotLink { get; set; }

    /// <summary>Marks the nodes of the component being recomputed.</summary>
    public int Epoch { get; set; }

    /// <summary>
    /// Gets a value indicating whether this weak identity is shared: seen with more distinct strong identities than its
    /// kind's <see cref="IdentityKindOptions.SharedAfter"/>. A shared identity takes no part in linking.
    /// </summary>
    public bool Shared { get; private set; }

    /// <summary>Gets the hashes of the distinct strong identities this weak identity was seen with, until it is shared.</summary>
    private ulong[]? SeenWith { get; set; }

    private int SeenWithCount { get; set; }

    /// <summary>
    /// Records that this weak identity was seen in an event with a strong identity (by its hash).
    /// </summary>
    /// <returns>True when this makes the identity shared.</returns>
    public bool SeeWith(ulong strongHash)
    {
        if (Shared)
        {
            return false;
        }

        var seen = SeenWith ??= new ulong[2];
        for (var i = 0; i < SeenWithCount; i++)
        {
            if (seen[i] == strongHash)
            {
                return false;
            }
        }

        if (SeenWithCount == Policy.SharedAfter)
        {
            Shared = true;
            SeenWith = null;
            return true;
        }

        if (SeenWithCount == seen.Length)
        {
            Array.Resize(ref seen, Math.Min(seen.Length * 2, Policy.SharedAfter));
            SeenWith = seen;
        }

        seen[SeenWithCount++] = strongHash;
        return false;
    }

    /// <summary>Makes the node a component of its own again, before its old component is linked anew.</summary>
    public void Unlink()
    {
        Label = null;
        Parent = this;
        LastMember = this;
        NextMember = null;
        Size = 1;
        MaxKey = FirstSeen;
    }

    /// <summary>Marks a weak identity as shared before any event is applied (a working set loaded from a store's index, which knows it is).</summary>
    public void MarkShared()
    {
        Shared = true;
        SeenWith = null;
        SeenWithCount = 0;
    }

    /// <summary>Gets the name of the component this node belongs to, as the store's graph index files it.</summary>
    public string ComponentLabel
    {
        get
        {
            var root = Root();
            return root.Label ??= root.Identity.ToString();
        }
    }

    /// <summary>The canonical order of identities within one event: strong before weak, then priority, then kind, scope, value.</summary>
    public static int Compare(IdentityNode a, IdentityNode b) => Compare(a.Identity, a.Policy, b.Identity, b.Policy);

    /// <summary>The order of a customer's identities in its profile: by strength, then priority, then identity.</summary>
    /// <param name="a">The first identity.</param>
    /// <param name="aPolicy">Its kind's policy.</param>
    /// <param name="b">The second identity.</param>
    /// <param name="bPolicy">Its kind's policy.</param>
    /// <returns>The comparison.</returns>
    public static int Compare(Identity a, IdentityKindOptions aPolicy, Identity b, IdentityKindOptions bPolicy)
    {
        var c = ((int)aPolicy.Strength).CompareTo((int)bPolicy.Strength); // Enum.CompareTo(object) would box
        if (c != 0)
        {
            return c;
        }

        c = aPolicy.Priority.CompareTo(bPolicy.Priority);
        return c != 0 ? c : a.CompareTo(b);
    }

    /// <summary>Joins the components of two roots; returns the new root (the larger one).</summary>
    public static IdentityNode Union(IdentityNode a, IdentityNode b)
    {
        if (ReferenceEquals(a, b))
        {
            return a;
        }

        if (a.Size < b.Size)
        {
            (a, b) = (b, a);
        }

        b.Parent = a;
        a.LastMember.NextMember = b;
        a.LastMember = b.LastMember;
        a.Size += b.Size;
        if (b.MaxKey > a.MaxKey)
        {
            a.MaxKey = b.MaxKey;
        }

        return a;
    }

    public IdentityNode Root()
    {
        var node = this;
        while (!ReferenceEquals(node.Parent, node))
        {
            node.Parent = node.Parent.Parent; // path halving
            node = node.Parent;
        }

        return node;
    }

    /// <summary>Enumerates the members of the component this root heads.</summary>
    public IEnumerable<IdentityNode> Members()
    {
        for (var n = this; n is not null; n = n.NextMember)
        {
            yield return n;
        }
    }
}
