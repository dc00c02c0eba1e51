namespace Ecrm.Graph.Engine;

/// <summary>Collects the customers one unit of work touched and the ids it retired.</summary>
internal sealed class ChangeTracker
{
    private readonly HashSet<CustomerState> _touched = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    public void Touch(CustomerState customer) => _touched.Add(customer);

    public void Remove(string id) => _removed.Add(id);

    public void Clear()
    {
        _touched.Clear();
        _removed.Clear();
    }

    public CustomerChangeSet Collect(GraphState graph)
    {
        if (_touched.Count == 0 && _removed.Count == 0)
        {
            return CustomerChangeSet.Empty;
        }

        var changed = new List<string>(_touched.Count);
        foreach (var c in _touched)
        {
            if (graph.IsLive(c))
            {
                changed.Add(c.Id);
            }
        }

        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in _removed)
        {
            if (graph.ResolveId(id) is { } now && !string.Equals(now, id, StringComparison.Ordinal))
            {
                removed[id] = now;
            }
        }

        changed.Sort(StringComparer.Ordinal);
        Clear();
        return new CustomerChangeSet(changed, removed);
    }
}
