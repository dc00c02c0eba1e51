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

    /// <summary>Gets a value indicating whether the load is done.</summary>
    public bool Loaded => _loaded;

    /// <summary>Loads, unless done: every event of every customer, oldest first per customer, through <paramref name="apply"/>.</summary>
    /// <param name="gate">The observer's lock, held around each call of <paramref name="apply"/>.</param>
    /// <param name="apply">Takes one event and the id of its customer.</param>
    /// <param name="cancellationToken">A token to cancel the load (it is retried on the next call).</param>
    /// <returns>A task that completes when the state is loaded.</returns>
    public async ValueTask EnsureAsync(Lock gate, Action<CustomerEvent, string> apply, CancellationToken cancellationToken)
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

            await foreach (var profile in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var e in await Insights.StoreEvents.ReadAllAsync(store, profile.Id, cancellationToken).ConfigureAwait(false))
                {
                    lock (gate)
                    {
                        apply(e, profile.Id);
                    }
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();
}
