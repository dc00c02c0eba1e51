namespace Ecrm.Graph.Engine;

/// <summary>
/// A node of the customer graph. It belongs to one customer (<see cref="Customer"/>) and to one raw component: the
/// identities ever seen together, directly or transitively, before any uniqueness rule splits them into customers.
/// </summary>
internal sealed class IdentityNode
{
    /// <summary>The first-seen key of a node known only from a stored rule, not from an event.</summary>
    public static readonly EventKey NotSeen = new(long.MaxValue, string.Empty);

    public IdentityNode(Identity identity, EventKey firstSeen, IdentityKindOptions policy)
    {
        Identity = identity;
        FirstSeen = firstSeen;
        Policy = policy;
        Parent = this;
        Component = new RawComponent(this, firstSeen == NotSeen ? EventKey.MinValue : firstSeen);
    }

    public Identity Identity { get; }

    /// <summary>The policy of the identity's kind, cached to keep the hot path free of look-ups.</summary>
    public IdentityKindOptions Policy { get; }

    public EventKey FirstSeen { get; set; }

    public CustomerState? Customer { get; set; }

    /// <summary>Union-find parent over raw components (self at a root).</summary>
    public IdentityNode Parent { get; set; }

    /// <summary>Set at roots only.</summary>
    public RawComponent? Component { get; set; }

    /// <summary>Events of other people that name this identity as target author or referrer.</summary>
    public List<StoredEvent>? References { get; set; }

    /// <summary>Identities this one must never share a customer with (from undone merges).</summary>
    public List<IdentityNode>? CannotLink { get; set; }

    /// <summary>Marks the nodes of the component being recomputed.</summary>
    public int Epoch { get; set; }

    /// <summary>The canonical order of identities within one event: strong before weak, then priority, then kind, scope, value.</summary>
    public static int Compare(IdentityNode a, IdentityNode b)
    {
        var c = a.Policy.Strength.CompareTo(b.Policy.Strength);
        if (c != 0)
        {
            return c;
        }

        c = a.Policy.Priority.CompareTo(b.Policy.Priority);
        return c != 0 ? c : a.Identity.CompareTo(b.Identity);
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
}

/// <summary>The members of a raw component and the latest event key that touched it.</summary>
internal sealed class RawComponent(IdentityNode first, EventKey key)
{
    public List<IdentityNode> Members { get; } = [first];

    public EventKey MaxKey { get; set; } = key;
}
