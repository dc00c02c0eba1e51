namespace Ecrm.Listening;

/// <summary>
/// The listening service's alerts, with the open alert of each group (a customer's channel, or a customer's post) that
/// repeats join, both indexed by customer: a merge moves one customer's alerts in time proportional to that customer's
/// alerts, not to every alert the service holds.
/// </summary>
/// <remarks>A group's key starts with the customer's id and <see cref="Separator"/>; customer ids never contain it.</remarks>
internal sealed class AlertBook
{
    /// <summary>Separates the customer id from the rest of a group's key.</summary>
    public const char Separator = '\u001f';

    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _alertsOf = new(StringComparer.Ordinal); // customer -> alert ids
    private readonly Dictionary<string, string> _openByGroup = new(StringComparer.Ordinal); // group -> alert id
    private readonly Dictionary<string, string> _groupOf = new(StringComparer.Ordinal); // alert id -> its group
    private readonly Dictionary<string, HashSet<string>> _groupsOf = new(StringComparer.Ordinal); // customer -> groups

    /// <summary>Gets every alert, in no particular order.</summary>
    public IReadOnlyCollection<Alert> All => _alerts.Values;

    /// <summary>The key of a customer's group.</summary>
    public static string GroupOf(string customerId, string rest) => customerId + Separator + rest;

    public bool TryGet(string alertId, out Alert alert) => _alerts.TryGetValue(alertId, out alert!);

    /// <summary>Stores an alert (new, or a new state of one), re-indexed when its customer changed.</summary>
    public void Set(Alert alert)
    {
        if (_alerts.TryGetValue(alert.Id, out var old) && !string.Equals(old.CustomerId, alert.CustomerId, StringComparison.Ordinal))
        {
            Unindex(_alertsOf, old.CustomerId, alert.Id);
        }

        _alerts[alert.Id] = alert;
        Index(_alertsOf, alert.CustomerId, alert.Id);
    }

    /// <summary>The alert that repeats in a group join, if the group has one.</summary>
    public Alert? OpenIn(string group) => _openByGroup.TryGetValue(group, out var id) ? _alerts[id] : null;

    /// <summary>Makes an alert the one that repeats in a group join (the group's previous alert no longer is).</summary>
    public void Open(string group, string alertId)
    {
        if (_openByGroup.TryGetValue(group, out var previous))
        {
            _groupOf.Remove(previous);
        }
        else
        {
            Index(_groupsOf, CustomerOf(group), group);
        }

        if (_groupOf.Remove(alertId, out var former) && !string.Equals(former, group, StringComparison.Ordinal))
        {
            RemoveGroup(former);
        }

        _openByGroup[group] = alertId;
        _groupOf[alertId] = group;
    }

    /// <summary>An alert was resolved: repeats no longer join it.</summary>
    public void Close(string alertId)
    {
        if (_groupOf.Remove(alertId, out var group))
        {
            RemoveGroup(group);
        }
    }

    /// <summary>
    /// A customer id gave way to another: its alerts and groups follow. A group the other customer already has keeps
    /// that customer's alert; the moved one then no longer takes repeats.
    /// </summary>
    public void Rekey(string old, string now)
    {
        if (_groupsOf.Remove(old, out var groups))
        {
            foreach (var group in groups)
            {
                var alertId = _openByGroup[group];
                _openByGroup.Remove(group);
                var moved = now + group[old.Length..];
                if (_openByGroup.TryAdd(moved, alertId))
                {
                    _groupOf[alertId] = moved;
                    Index(_groupsOf, now, moved);
                }
                else
                {
                    _groupOf.Remove(alertId);
                }
            }
        }

        if (_alertsOf.TryGetValue(old, out var ids))
        {
            foreach (var id in ids.ToList())
            {
                Set(_alerts[id] with { CustomerId = now });
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _alerts.Clear();
        _alertsOf.Clear();
        _openByGroup.Clear();
        _groupOf.Clear();
        _groupsOf.Clear();
    }

    private static string CustomerOf(string group) => group[..group.IndexOf(Separator, StringComparison.Ordinal)];

    private static void Index(Dictionary<string, HashSet<string>> index, string customerId, string value)
    {
        if (!index.TryGetValue(customerId, out var set))
        {
            index[customerId] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private static void Unindex(Dictionary<string, HashSet<string>> index, string customerId, string value)
    {
        if (index.TryGetValue(customerId, out var set) && set.Remove(value) && set.Count == 0)
        {
            index.Remove(customerId);
        }
    }

    private void RemoveGroup(string group)
    {
        _openByGroup.Remove(group);
        Unindex(_groupsOf, CustomerOf(group), group);
    }
}
