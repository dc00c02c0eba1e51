using Ecrm.Graph.Engine;

namespace Ecrm.Storage.InMemory;

/// <summary>
/// The in-memory store: the whole customer graph in process memory behind one lock. Fast (see benchmarks/) and
/// complete, but not durable: for tests, demos, and hosts that rebuild the graph from an event log at start.
/// </summary>
internal sealed class InMemoryCustomerStore : CustomerStore
{
    private readonly Lock _gate = new();
    private readonly GraphState _graph;

    public InMemoryCustomerStore(EcrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = new GraphState(new IdentityPolicy(options), options.DefaultCurrency);
    }

    public override CustomerStoreMetadata Metadata { get; } = new("memory", false, null);

    public override ValueTask<StoreApplyResult> ApplyAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        var order = CanonicalOrder(events);
        var outcomes = new EventApplyOutcome[events.Count];
        lock (_gate)
        {
            var merges = _graph.MergeCount;
            var conflicts = _graph.ConflictCount;
            for (var k = 0; k < events.Count; k++)
            {
                var i = order is null ? k : order[k];
                var o = _graph.Apply(events[i]);
                outcomes[i] = new EventApplyOutcome(o.Status, o.CustomerId);
            }

            var changes = _graph.CollectChanges();
            if (changes.Removed.Count > 0)
            {
                // An event applied before a later merge or rebuild in the same batch reports the customer it ended in.
                for (var i = 0; i < outcomes.Length; i++)
                {
                    if (outcomes[i].CustomerId is { } id && changes.Removed.TryGetValue(id, out var live))
                    {
                        outcomes[i] = outcomes[i] with { CustomerId = live };
                    }
                }
            }

            return ValueTask.FromResult(new StoreApplyResult(
                outcomes,
                changes,
                Math.Max(0, _graph.MergeCount - merges),
                Math.Max(0, _graph.ConflictCount - conflicts)));
        }
    }

    public override ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_graph.Resolve(identity));
        }
    }

    public override ValueTask<string?> ResolveIdAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        lock (_gate)
        {
            return ValueTask.FromResult(_graph.ResolveId(customerId));
        }
    }

    public override ValueTask<CustomerProfile?> GetProfileAsync(string customerId, CancellationToken cancellationToken = default)
        => Read(customerId, c => _graph.BuildProfile(c));

    public override ValueTask<TimelinePage?> GetTimelineAsync(string customerId, TimelineQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(customerId, c => _graph.Timeline(c, query));
    }

    public override async ValueTask<IReadOnlyList<CustomerRelation>> GetRelationsAsync(string customerId, CancellationToken cancellationToken = default)
        => await Read(customerId, c => _graph.Relations(c)).ConfigureAwait(false) ?? [];

    public override async ValueTask<IReadOnlyList<MergeRecord>> GetMergesAsync(string customerId, CancellationToken cancellationToken = default)
        => await Read(customerId, c => _graph.MergesOf(c)).ConfigureAwait(false) ?? [];

    public override async ValueTask<IReadOnlyList<IdentityConflict>> GetConflictsAsync(string? customerId, CancellationToken cancellationToken = default)
    {
        if (customerId is not null)
        {
            return await Read(customerId, c => _graph.ConflictsOf(c)).ConfigureAwait(false) ?? [];
        }

        lock (_gate)
        {
            return [.. _graph.AllConflicts()];
        }
    }

    public override ValueTask<UndoMergeResult> UndoMergeAsync(string mergeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mergeId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (survivor, restored) = _graph.UndoMerge(mergeId);
            return ValueTask.FromResult(new UndoMergeResult(mergeId, survivor, restored, _graph.CollectChanges()));
        }
    }

    public override ValueTask<CustomerEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_gate)
        {
            return ValueTask.FromResult(_graph.FindEvent(eventId)?.Event);
        }
    }

    public override IAsyncEnumerable<CustomerProfile> ScanCustomersAsync(CancellationToken cancellationToken = default)
    {
        string[] ids;
        lock (_gate)
        {
            ids = [.. _graph.Customers.Select(c => c.Id)];
        }

        Array.Sort(ids, StringComparer.Ordinal);
        return AsAsync(ScanChunks(ids), cancellationToken);
    }

    /// <summary>Builds profiles a chunk at a time, so a long scan never holds the lock for long.</summary>
    private IEnumerable<CustomerProfile> ScanChunks(string[] ids)
    {
        const int ChunkSize = 256;
        var chunk = new List<CustomerProfile>(ChunkSize);
        for (var start = 0; start < ids.Length; start += ChunkSize)
        {
            chunk.Clear();
            lock (_gate)
            {
                foreach (var id in ids.AsSpan(start, Math.Min(ChunkSize, ids.Length - start)))
                {
                    // A customer merged away since the scan began is skipped: its survivor is (or was) listed itself.
                    if (_graph.Find(id) is { } c && c.Id == id)
                    {
                        chunk.Add(_graph.BuildProfile(c));
                    }
                }
            }

            foreach (var profile in chunk)
            {
                yield return profile;
            }
        }
    }

    public override ValueTask<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            long prospects = 0;
            foreach (var c in _graph.Customers)
            {
                if (_graph.IsProspect(c))
                {
                    prospects++;
                }
            }

            return ValueTask.FromResult(new GraphStatistics(_graph.CustomerCount, prospects, _graph.IdentityCount, _graph.EventCount, _graph.MergeCount, _graph.ConflictCount));
        }
    }

    public override ValueTask<Customer360?> GetCustomer360Async(string customerId, int timelineLength, CancellationToken cancellationToken = default)
        => Read(customerId, c => new Customer360
        {
            Profile = _graph.BuildProfile(c),
            Timeline = timelineLength == 0 ? new TimelinePage([], null) : _graph.Timeline(c, new TimelineQuery { Limit = timelineLength }),
            Related = _graph.Relations(c),
            Merges = _graph.MergesOf(c),
            Conflicts = _graph.ConflictsOf(c),
        });

    /// <summary>
    /// The indices of the events in canonical order, or null when they already are. Channel streams are mostly in
    /// time order with a few late deliveries, so the late ones are set aside, sorted, and merged back: O(n + k log k).
    /// </summary>
    private static int[]? CanonicalOrder(IReadOnlyList<CustomerEvent> events)
    {
        var count = events.Count;
        if (count < 2)
        {
            return null;
        }

        var keys = new EventKey[count];
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            keys[i] = EventKey.Of(events[i]);
            sorted &= i == 0 || keys[i - 1].CompareTo(keys[i]) <= 0;
        }

        if (sorted)
        {
            return null;
        }

        var inOrder = new List<int>(count);
        var late = new List<int>();
        foreach (var i in Enumerable.Range(0, count))
        {
            if (inOrder.Count == 0 || keys[inOrder[^1]].CompareTo(keys[i]) <= 0)
            {
                inOrder.Add(i);
            }
            else
            {
                late.Add(i);
            }
        }

        // Stable: equal keys keep input order.
        late.Sort((a, b) =>
        {
            var c = keys[a].CompareTo(keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var order = new int[count];
        int x = 0, y = 0, k = 0;
        while (x < inOrder.Count && y < late.Count)
        {
            var c = keys[inOrder[x]].CompareTo(keys[late[y]]);
            order[k++] = c < 0 || (c == 0 && inOrder[x] < late[y]) ? inOrder[x++] : late[y++];
        }

        while (x < inOrder.Count)
        {
            order[k++] = inOrder[x++];
        }

        while (y < late.Count)
        {
            order[k++] = late[y++];
        }

        return order;
    }

    private ValueTask<T?> Read<T>(string customerId, Func<CustomerState, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(customerId);
        lock (_gate)
        {
            return ValueTask.FromResult(_graph.Find(customerId) is { } c ? read(c) : null);
        }
    }
}
