namespace Ecrm;

/// <summary>
/// An in-process hook called after each ingestion or merge undo that changed customers: the place for segments,
/// scores, loyalty and alerts to react. Register with <c>AddCustomerObserver&lt;T&gt;()</c> on the Ecrm builder.
/// </summary>
/// <remarks>
/// Observers run after the store has applied the events, in registration order, on the ingesting caller's flow; with a
/// store shared by several instances (PostgreSQL), also on the store's listener task for changes other instances made
/// (<see cref="CustomerChangeSet.FromElsewhere"/>), possibly at the same time as a change of this instance: an
/// observer must be thread-safe. An observer that throws is logged and the others still run; the events stay ingested.
/// </remarks>
public interface ICustomerChangeObserver
{
    /// <summary>Called with the customers one unit of work changed.</summary>
    /// <param name="changes">The changed and removed customer ids.</param>
    /// <param name="cancellationToken">The caller's cancellation token.</param>
    /// <returns>A task that completes when the observer has reacted.</returns>
    ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken);
}
