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

    public List<IdentityNode> Nodes { get; } = new(2);

    public List<StoredEvent> Events { get; } = new(2);

    /// <summary>How many strong identities the customer holds; 0 for an anonymous customer (cookies and devices only).</summary>
    public int StrongCount { get; set; }

    /// <summary>Whether this customer left the graph (merged into another, or replaced by a rebuild).</summary>
    public bool Retired { get; set; }

    /// <summary>The change-tracking stamp of the last unit of work that touched this customer.</summary>
    public int TouchStamp { get; set; }

    /// <summary>Whether <see cref="Events"/> is in ascending key order.</summary>
    public bool EventsSorted { get; set; } = true;

    /// <summary>The folded profile: a field, so that it is updated in place (see <see cref="ProfileAccumulator"/>).</summary>
#pragma warning disable CA1051 // a mutable struct must be a field to be updated in place
    public ProfileAccumulator Profile = new();
#pragma warning restore CA1051

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

    public void SortEvents()
    {
        if (!EventsSorted)
        {
            Events.Sort(static (a, b) => a.Key.CompareTo(b.Key));
            EventsSorted = true;
        }
    }
}
