namespace Ecrm.Storage;

/// <summary>
/// The first-use load of an observer that keeps state derived from events (contacts, recommendations): once, however
/// many callers ask at the same time, every customer's events are read from the store and handed to the observer, under
/// its lock. Until then the observer's own change notifications trigger the load (the store already holds their batch).
/// </summary>
internal sealed class StoreReplay(CustomerStore store) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;
    private HashSet<string>? _loadedIds; // what a load triggered by a read (not by a change set) read: see ApplyAsync

    /// <summary>Gets a value indicating whether the load is done.</summary>
    public bool Loaded => _loaded;

    /// <summary>Loads, unless done: every event of every customer, oldest first per customer, through <paramref name="apply"/>.</summary>
    /// <param name="gate">The observer's lock, held around each call of <paramref name="apply"/>.</param>
    /// <param name="apply">Takes one event and the id of its customer.</param>
    /// <param name="cancellationToken">A token to cancel the load (it is retried on the next call).</param>
    /// <returns>A task that completes when the state is loaded.</returns>
    public ValueTask EnsureAsync(Lock gate, Action<CustomerEvent, string> apply, CancellationToken cancellationToken)
        => EnsureAsync(gate, apply, rememberIds: true, cancellationToken);

    /// <summary>
    /// A change set in flight while a read triggers the load (another observer reading this one while it is notified of
    /// a batch the store already holds) must not apply that batch a second time: the ids of what such a load read are
    /// kept until the next change set, whose events among them are skipped. A load triggered by a change set reads
    /// that change set's batch itself and keeps nothing.
    /// </summary>
    private async ValueTask EnsureAsync(Lock gate, Action<CustomerEvent, string> apply, bool rememberIds, CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            var ids = rememberIds ? new HashSet<string>(StringComparer.Ordinal) : null;
            await foreach (var profile in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var e in await Insights.StoreEvents.ReadAllAsync(store, profile.Id, cancellationToken).ConfigureAwait(false))
                {
                    ids?.Add(e.Id);
                    lock (gate)
                    {
                        apply(e, profile.Id);
                    }
                }
            }

            Volatile.Write(ref _loadedIds, ids);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Applies one ingestion's changes to the observer's per-customer state: before the first load, the load itself
    /// (the store holds the batch already); after it, under the observer's lock, erased customers dropped, merged-away
    /// customers folded into their survivors, then the accepted events applied.
    /// </summary>
    /// <typeparam name="TState">The observer's state per customer.</typeparam>
    /// <param name="changes">The change set.</param>
    /// <param name="gate">The observer's lock.</param>
    /// <param name="customers">The observer's state by customer id.</param>
    /// <param name="merge">Folds a merged-away customer's state into the survivor's id.</param>
    /// <param name="apply">Takes one event and the id of its customer.</param>
    /// <param name="cancellationToken">A token to cancel the first load.</param>
    /// <returns>A task that completes when the changes are applied.</returns>
    public async ValueTask ApplyAsync<TState>(CustomerChangeSet changes, Lock gate, Dictionary<string, TState> customers, Action<TState, string> merge, Action<CustomerEvent, string> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!_loaded)
        {
            await EnsureAsync(gate, apply, rememberIds: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var loaded = Interlocked.Exchange(ref _loadedIds, null);
        lock (gate)
        {
            foreach (var erased in changes.Erased)
            {
                customers.Remove(erased);
            }

            foreach (var (old, survivor) in changes.Removed)
            {
                if (customers.Remove(old, out var absorbed))
                {
                    merge(absorbed, survivor);
                }
            }

            foreach (var accepted in changes.Events)
            {
                if (loaded?.Contains(accepted.Event.Id) != true)
                {
                    apply(accepted.Event, accepted.CustomerId);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();
}
