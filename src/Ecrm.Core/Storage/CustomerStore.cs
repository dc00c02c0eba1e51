using System.Runtime.CompilerServices;

namespace Ecrm.Storage;

/// <summary>
/// Where the customer graph lives. A store applies validated events with the graph's rules (idempotent, order-free,
/// all-or-nothing per event) and answers the reads behind the customer 360. Every store must pass the conformance suite
/// (<c>Ecrm.Storage.ConformanceTests</c>) unchanged.
/// </summary>
/// <remarks>
/// Implementations are thread-safe. Events given to <see cref="ApplyAsync"/> have been validated and normalised by the
/// SDK (<see cref="ICustomerGraph"/>); stores do not re-validate them. Read methods take any customer id, including ids
/// merged away, and resolve them to the live customer.
/// </remarks>
public abstract class CustomerStore : IAsyncDisposable, IDisposable
{
    private readonly List<Func<CustomerChangeSet, CancellationToken, ValueTask>> _elsewhere = [];

    /// <summary>Gets what this store is and where it keeps its data.</summary>
    public abstract CustomerStoreMetadata Metadata { get; }

    /// <summary>
    /// Opens the store: reads what serving reads needs (for an event-sourced store, replays its log), once. Every
    /// operation opens the store first if it is not open yet, so calling this is optional; a host calls it at start-up
    /// (the hosted service <c>AddEcrm</c> registers does) to open before the first request, with progress, rather than
    /// during it. Concurrent calls share one opening; a failed or cancelled opening is tried again by the next call.
    /// </summary>
    /// <param name="progress">Told how the opening goes (entries read, elapsed), if this call starts it.</param>
    /// <param name="cancellationToken">Cancels this call's wait and the opening itself (operations that open the store implicitly cancel only their wait).</param>
    /// <returns>The status once open: entries read and the time the opening took.</returns>
    /// <exception cref="EcrmException">The store cannot be opened (the error names the store and the cause).</exception>
    public virtual ValueTask<StoreOpenStatus> OpenAsync(IProgress<StoreOpenStatus>? progress = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(StoreOpenStatus.Ready);

    /// <summary>Gets where the store is in its opening (for readiness checks); a store with nothing to open is always open.</summary>
    public virtual StoreOpenStatus OpenStatus => StoreOpenStatus.Ready;

    /// <summary>Applies validated, normalised events. Replays are duplicates; an id reused with other content is rejected.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="cancellationToken">Cancels before anything is applied.</param>
    /// <returns>One outcome per event in input order, and the customers changed.</returns>
    public abstract ValueTask<StoreApplyResult> ApplyAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Finds the customer an identity belongs to.</summary>
    /// <param name="identity">A normalised identity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The live customer id, or <see langword="null"/>.</returns>
    public abstract ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken = default);

    /// <summary>Resolves a customer id, following merges, to the live customer id.</summary>
    /// <param name="customerId">Any customer id ever issued.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The live id, or <see langword="null"/> when the id is unknown.</returns>
    public abstract ValueTask<string?> ResolveIdAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's profile.</summary>
    /// <param name="customerId">Any id of the customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    public abstract ValueTask<CustomerProfile?> GetProfileAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a customer's timeline, newest first.</summary>
    /// <param name="customerId">Any id of the customer.</param>
    /// <param name="query">Which page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, or <see langword="null"/> when the customer is unknown.</returns>
    public abstract ValueTask<TimelinePage?> GetTimelineAsync(string customerId, TimelineQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads the customers related to one (reposts, mentions, replies, referrals).</summary>
    /// <param name="customerId">Any id of the customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The relations, strongest first (empty when unknown).</returns>
    public abstract ValueTask<IReadOnlyList<CustomerRelation>> GetRelationsAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Reads the merges that formed a customer.</summary>
    /// <param name="customerId">Any id of the customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The merges, oldest first (empty when unknown).</returns>
    public abstract ValueTask<IReadOnlyList<MergeRecord>> GetMergesAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Reads identity conflicts.</summary>
    /// <param name="customerId">Any id of a customer to filter by, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conflicts, oldest first.</returns>
    public abstract ValueTask<IReadOnlyList<IdentityConflict>> GetConflictsAsync(string? customerId, CancellationToken cancellationToken = default);

    /// <summary>Undoes a merge: the two sides are split and never merged again; their events are re-attributed.</summary>
    /// <param name="mergeId">The id of a merge in effect.</param>
    /// <param name="cancellationToken">Cancels before anything changes.</param>
    /// <returns>The customers after the split.</returns>
    /// <exception cref="MergeNotFoundException">No such merge is in effect.</exception>
    public abstract ValueTask<UndoMergeResult> UndoMergeAsync(string mergeId, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored event by id.</summary>
    /// <param name="eventId">The idempotency id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The event as stored (normalised), or <see langword="null"/>.</returns>
    public abstract ValueTask<CustomerEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Enumerates all customers' profiles, in id order.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The profiles.</returns>
    public abstract IAsyncEnumerable<CustomerProfile> ScanCustomersAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the sizes of the graph.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statistics.</returns>
    public abstract ValueTask<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a customer's personal data (PIPL, GDPR): their identities become one random pseudonym, profile attributes,
    /// texts and other personal properties of their events are removed, order ids are replaced by keyed hashes, others'
    /// references to them point to the pseudonym, and the old bytes are purged; an audit record without personal data is
    /// kept. Use <c>ICustomerPrivacy</c> rather than calling this directly (it notifies observers).
    /// </summary>
    /// <param name="customerId">The customer (current or merged-away id).</param>
    /// <param name="request">Who, why, when.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The audit record and the customers the rewrite changed.</returns>
    /// <exception cref="EcrmException">The customer is unknown.</exception>
    /// <exception cref="NotSupportedException">The store cannot erase.</exception>
    public virtual ValueTask<(Privacy.ErasureRecord Record, CustomerChangeSet Changes)> EraseCustomerAsync(string customerId, Privacy.ErasureRequest request, CancellationToken cancellationToken = default)
        => throw new NotSupportedException($"{GetType().Name} cannot erase customers.");

    /// <summary>
    /// The live customers and the events, for what only needs the graph's size (whether a model is due for a refit):
    /// cheaper than <see cref="GetStatisticsAsync"/> where the store keeps the counts (prospects may need counting).
    /// </summary>
    internal virtual async ValueTask<(long Customers, long Events)> CountAsync(CancellationToken cancellationToken)
    {
        var s = await GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return (s.Customers, s.Events);
    }

    /// <summary>Gets the erasure audit log, oldest first.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The records.</returns>
    public virtual ValueTask<IReadOnlyList<Privacy.ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Privacy.ErasureRecord>>([]);

    /// <summary>
    /// Reads everything the customer 360 shows. The default composes the read methods above; stores override it to
    /// read one consistent snapshot in one round trip.
    /// </summary>
    /// <param name="customerId">Any id of the customer.</param>
    /// <param name="timelineLength">How many of the newest events to include.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 360, or <see langword="null"/> when the customer is unknown.</returns>
    public virtual async ValueTask<Customer360?> GetCustomer360Async(string customerId, int timelineLength, CancellationToken cancellationToken = default)
    {
        var profile = await GetProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return null;
        }

        var timeline = timelineLength == 0
            ? new TimelinePage([], null)
            : await GetTimelineAsync(profile.Id, new TimelineQuery { Limit = timelineLength }, cancellationToken).ConfigureAwait(false) ?? new TimelinePage([], null);
        return new Customer360
        {
            Profile = profile,
            Timeline = timeline,
            Related = await GetRelationsAsync(profile.Id, cancellationToken).ConfigureAwait(false),
            Merges = await GetMergesAsync(profile.Id, cancellationToken).ConfigureAwait(false),
            Conflicts = await GetConflictsAsync(profile.Id, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Subscribes to changes made by other instances sharing the store (a shared database): a store that hears of
    /// them (PostgreSQL listens for its notifications) folds them in and calls the handler with the customers changed,
    /// removed and erased. <see cref="CustomerChangeSet.Events"/> is empty in such a change set: the instance that
    /// accepted the events reports them, so that what reacts to each event (an alert) does so once. The customer graph
    /// subscribes and passes these change sets to its observers; a store with one writer never calls the handler.
    /// </summary>
    /// <param name="handler">Called with each change set, one at a time.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    public IDisposable OnChangedElsewhere(Func<CustomerChangeSet, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_elsewhere)
        {
            _elsewhere.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Calls the <see cref="OnChangedElsewhere"/> handlers with changes other instances made.</summary>
    /// <param name="changes">The changes, as folded into this instance.</param>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>A task that completes when every handler has been called.</returns>
    protected async ValueTask PublishChangesElsewhereAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Func<CustomerChangeSet, CancellationToken, ValueTask>[] handlers;
        lock (_elsewhere)
        {
            handlers = [.. _elsewhere];
        }

        var elsewhere = changes with { Events = [], FromElsewhere = true };
        foreach (var handler in handlers)
        {
            await handler(elsewhere, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the store's resources, waiting for asynchronous clean-up.</summary>
    /// <returns>A task that completes when released.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the store's resources.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases managed resources asynchronously; the default does nothing.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    /// <summary>Releases resources; the default does nothing.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>, <see langword="false"/> after <see cref="DisposeAsyncCore"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Turns a synchronous sequence into an async one that honours cancellation, for simple stores.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The async sequence.</returns>
    protected static async IAsyncEnumerable<T> AsAsync<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed class Subscription(CustomerStore store, Func<CustomerChangeSet, CancellationToken, ValueTask> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (store._elsewhere)
            {
                store._elsewhere.Remove(handler);
            }
        }
    }
}
