namespace Ecrm.Storage;

/// <summary>
/// The customer graph's index kept by a durable store beside its log: the identity directory, the customers (live ones
/// and merged-away ids), the placement of every event and the references between customers. A store that offers one
/// (<see cref="EventSourcedCustomerStore.Index"/>) opens without replaying its log when the index is complete, and
/// serves reads from these rows until a write needs the graph in memory. The rows are written by the store after
/// each unit of work (<see cref="WriteAsync"/>), so the index may lag the log after a crash: it is then complete
/// only up to <see cref="ReadStateAsync"/>, and the store replays the log instead and rewrites the index.
/// </summary>
public interface IGraphIndex
{
    /// <summary>Reads the last log sequence the index reflects (0 for an empty or missing index) and the fingerprint it was written with.</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The sequence, and <see cref="GraphIndexChanges.Fingerprint"/> of the last write (null before the first).</returns>
    ValueTask<(long Sequence, string? Fingerprint)> ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes a unit of work's rows, the statistics, the sequence and the fingerprint, in one transaction.</summary>
    /// <param name="changes">The rows.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the rows are durable.</returns>
    ValueTask WriteAsync(GraphIndexChanges changes, CancellationToken cancellationToken);

    /// <summary>Reads the graph's sizes, with the number of live customers without a purchase.</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The sizes and the prospects.</returns>
    ValueTask<(IndexedGraphStatistics Statistics, long Prospects)> ReadStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Reads the graph's sizes alone, without counting the prospects (which may need a count over the customer rows).</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The sizes.</returns>
    async ValueTask<IndexedGraphStatistics> ReadSizesAsync(CancellationToken cancellationToken)
        => (await ReadStatisticsAsync(cancellationToken).ConfigureAwait(false)).Statistics;

    /// <summary>Finds an identity's directory row.</summary>
    /// <param name="identity">The identity (normalized).</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The row, or null.</returns>
    ValueTask<IndexedIdentity?> FindIdentityAsync(Identity identity, CancellationToken cancellationToken);

    /// <summary>Finds a customer row by id (a live customer or an alias).</summary>
    /// <param name="customerId">The id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The row, or null.</returns>
    ValueTask<IndexedCustomer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Reads the identities that belong to a live customer.</summary>
    /// <param name="customerId">The live customer.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The rows, in any order.</returns>
    ValueTask<IReadOnlyList<IndexedIdentity>> ReadIdentitiesAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Reads the logged events attributed to a live customer.</summary>
    /// <param name="customerId">The live customer.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The log entries, in any order.</returns>
    ValueTask<IReadOnlyList<StoreLogEntry>> ReadEventsAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Reads the references that name any of the identities, with the referencing events.</summary>
    /// <param name="identities">The identities.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The references, and the referencing events by sequence.</returns>
    ValueTask<(IReadOnlyList<IndexedReference> References, IReadOnlyDictionary<long, CustomerEvent> Events)> ReadReferencesAsync(IReadOnlyList<Identity> identities, CancellationToken cancellationToken);

    /// <summary>Reads the live customers of a raw component (<see cref="IndexedCustomer.Component"/>).</summary>
    /// <param name="component">The component's name.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The rows, in any order.</returns>
    ValueTask<IReadOnlyList<IndexedCustomer>> ReadComponentAsync(string component, CancellationToken cancellationToken);

    /// <summary>Finds which of some identities are shared (<see cref="IndexedSharedIdentity"/>).</summary>
    /// <param name="identities">The identities (normalized).</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The rows of those that are shared.</returns>
    ValueTask<IReadOnlyList<IndexedSharedIdentity>> FindSharedAsync(IReadOnlyCollection<Identity> identities, CancellationToken cancellationToken);

    /// <summary>Finds the logged events with some ids.</summary>
    /// <param name="eventIds">The ids.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The log entries of those the log holds.</returns>
    ValueTask<IReadOnlyList<StoreLogEntry>> FindEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);

    /// <summary>Reads logged events by sequence.</summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The log entries of those that hold an event.</returns>
    ValueTask<IReadOnlyList<StoreLogEntry>> ReadEntriesAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>Finds the identities that undone merges keep apart from any of some identities (<see cref="IndexedKeptApart"/>).</summary>
    /// <param name="identities">The identities (normalized).</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The pairs, with <see cref="IndexedKeptApart.Identity"/> among <paramref name="identities"/>.</returns>
    ValueTask<IReadOnlyList<IndexedKeptApart>> FindKeptApartAsync(IReadOnlyCollection<Identity> identities, CancellationToken cancellationToken);

    /// <summary>Finds the customer whose row last listed a merge (<see cref="IndexedMerge"/>).</summary>
    /// <param name="mergeId">The merge's id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The customer id (live or retired since), or null.</returns>
    ValueTask<string?> FindMergeAsync(string mergeId, CancellationToken cancellationToken);
}
