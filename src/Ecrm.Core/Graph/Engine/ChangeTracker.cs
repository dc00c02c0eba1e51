using System.Collections.ObjectModel;
using Ecrm.Storage;

namespace Ecrm.Graph.Engine;

/// <summary>Collects the customers one unit of work touched and the ids it retired.</summary>
internal sealed class ChangeTracker
{
    private readonly List<CustomerState> _touched = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly List<IdentityNode> _orphans = []; // identities a rebuild left without a customer (only with an index)
    private readonly List<CustomerState> _relabeled = []; // customers whose component a union renamed (only with an index)
    private int _stamp = 1;

    /// <summary>Records a touched customer; a stamp on the customer makes repeats free (no hashing).</summary>
    public void Touch(CustomerState customer)
    {
        if (customer.TouchStamp != _stamp)
        {
            customer.TouchStamp = _stamp;
            _touched.Add(customer);
        }
    }

    public void Remove(string id) => _removed.Add(id);

    /// <summary>Records an identity that a rebuild left without a customer (a shared device), for the store's index.</summary>
    public void Orphan(IdentityNode node) => _orphans.Add(node);

    /// <summary>
    /// Records the customers of a component that a union puts under another root (the smaller side), for the store's
    /// index: the index files customers by component, and a customer the event did not touch is renamed too.
    /// </summary>
    public void Relabel(IdentityNode root)
    {
        foreach (var m in root.Members())
        {
            if (m.Customer is { } c && c.TouchStamp != _stamp)
            {
                _relabeled.Add(c);
            }
        }
    }

    public CustomerChangeSet Collect(GraphState graph)
    {
        if (graph.IndexRows is { } rows)
        {
            GraphIndexing.Collect(graph, _touched, _removed, _orphans, _relabeled, rows);
        }

        _orphans.Clear();
        _relabeled.Clear();

        CustomerChangeSet result;
        if (_touched.Count == 0 && _removed.Count == 0)
        {
            result = CustomerChangeSet.Empty;
        }
        else
        {
            var live = 0;
            foreach (var c in _touched)
            {
                live += CustomerDirectory.IsLive(c) ? 1 : 0;
            }

            var changed = new string[live];
            live = 0;
            foreach (var c in _touched)
            {
                if (CustomerDirectory.IsLive(c))
                {
                    changed[live++] = c.Id;
                }
            }

            IReadOnlyDictionary<string, string> removed = ReadOnlyDictionary<string, string>.Empty;
            if (_removed.Count > 0)
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var id in _removed)
                {
                    if (graph.Customers.ResolveId(id) is { } now && !string.Equals(now, id, StringComparison.Ordinal))
                    {
                        map[id] = now;
                    }
                }

                removed = map;
            }

            result = new CustomerChangeSet(changed, removed);
        }

        _touched.Clear();
        _removed.Clear();
        _stamp++;
        return result;
    }
}
