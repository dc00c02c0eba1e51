using Ecrm.Storage;

namespace Ecrm;

/// <summary>
/// The customer graph: ingest events from every channel, and read who each customer is. The entry point of the SDK;
/// resolve it from DI after <c>services.AddEcrm(...)</c>.
/// </summary>
public interface ICustomerGraph
{
    /// <summary>Gets the normaliser used for identities (phone to E.164 in the configured region, e-mail lower-cased).</summary>
    IdentityNormalizer IdentityNormalizer { get; }

    /// <summary>
    /// Opens the store if it is not open (see <see cref="CustomerStore.OpenAsync"/>): every other member does this first,
    /// so a host calls it only to open before the first request, or to learn what the opening took.
    /// </summary>
    /// <param name="progress">Told how the opening goes, if this call starts it.</param>
    /// <param name="cancellationToken">Cancels the wait and the opening.</param>
    /// <returns>The store's status once open: the entries it read and the time the opening took.</returns>
    /// <exception cref="EcrmException">The store cannot be opened.</exception>
    ValueTask<StoreOpenStatus> OpenAsync(IProgress<StoreOpenStatus>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Ingests one event: validates, normalises and applies it, then notifies observers.</summary>
    /// <param name="customerEvent">The event.</param>
    /// <param name="cancellationToken">Cancels before the event is applied.</param>
    /// <returns>Accepted (new) or duplicate (replay), with the customer it is attributed to.</returns>
    /// <exception cref="EventValidationException">The event is invalid; the exception names the field. Nothing is stored.</exception>
    /// <exception cref="DuplicateEventConflictException">The id is already stored with different content. Nothing changes.</exception>
    /// <exception cref="StoreFoldException">The event was stored but folding it into the graph failed; the graph was rebuilt from the log, and ingesting it again is safe.</exception>
    ValueTask<IngestResult> IngestAsync(CustomerEvent customerEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ingests a batch. Invalid events are rejected one by one (their results carry the error) and valid ones are applied;
    /// the batch never throws for bad events.
    /// </summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="cancellationToken">Cancels before the batch is applied.</param>
    /// <returns>One result per event, in input order, with totals.</returns>
    /// <exception cref="StoreFoldException">The batch's new events were stored but folding them into the graph failed; the graph was rebuilt from the log, and ingesting the batch again is safe.</exception>
    ValueTask<BatchIngestResult> IngestBatchAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Finds the customer an identity belongs to (the identity is normalised first).</summary>
    /// <param name="identity">The identity, for example <c>Identity.Phone("138 0013 8000")</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The customer id, or <see langword="null"/> when the identity is unknown.</returns>
    /// <exception cref="IdentityFormatException">The identity cannot be normalised.</exception>
    ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken = default);

    /// <summary>Reads the customer 360 of the customer an identity belongs to.</summary>
    /// <param name="identity">The identity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 360, or <see langword="null"/> when the identity is unknown.</returns>
    /// <exception cref="IdentityFormatException">The identity cannot be normalised.</exception>
    ValueTask<Customer360?> FindAsync(Identity identity, CancellationToken cancellationToken = default);

    /// <summary>Reads the customer 360 by customer id (ids merged away resolve to the survivor).</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 360, or <see langword="null"/> when the id is unknown.</returns>
    ValueTask<Customer360?> GetAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a customer's timeline, newest first.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="query">Which page; the newest 50 events when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page (empty when the id is unknown).</returns>
    ValueTask<TimelinePage> GetTimelineAsync(string customerId, TimelineQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads all identity conflicts, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conflicts.</returns>
    ValueTask<IReadOnlyList<IdentityConflict>> GetConflictsAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes a merge and notifies observers of the customers that changed.</summary>
    /// <param name="mergeId">The merge id (<see cref="MergeRecord.Id"/>).</param>
    /// <param name="cancellationToken">Cancels before anything changes.</param>
    /// <returns>The two customers after the split.</returns>
    /// <exception cref="MergeNotFoundException">No such merge is in effect.</exception>
    ValueTask<UndoMergeResult> UndoMergeAsync(string mergeId, CancellationToken cancellationToken = default);

    /// <summary>Reads the sizes of the graph.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statistics.</returns>
    ValueTask<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
