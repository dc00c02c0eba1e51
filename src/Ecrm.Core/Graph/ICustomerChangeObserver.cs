namespace Ecrm;

/// <summary>
/// An in-process hook called after each ingestion or merge undo that changed customers: the place for segments,
/// scores, loyalty and alerts to react. Register with <c>AddCustomerObserver&lt;T&gt;()</c> on the Ecrm builder.
/// </summary>
/// <remarks>
/// Observers run after the store has applied the events, in registration order, on the ingesting caller's flow. An
/// observer that throws is logged and the others still run; the events stay ingested.
/// </remarks>
public interface ICustomerChangeObserver
{
    /// <summary>Called with the customers one unit of work changed.</summary>
    /// <param name="changes">The changed and removed customer ids.</param>
    /// <param name="cancellationToken">The caller's cancellation token.</param>
    /// <returns>A task that completes when the observer has reacted.</returns>
    ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken);
}
