namespace Ecrm.Listening;

/// <summary>
/// Receives alert notifications: an in-process handler (<c>AddAlertHandler</c>), the HTTP webhook of the Ecrm.Webhooks
/// package, or your own (register it as <see cref="IAlertSink"/>). Notifications are delivered in order from a
/// background queue, so a slow sink never holds up ingestion; a sink that throws is logged and the next one still runs.
/// </summary>
public interface IAlertSink
{
    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancelled when listening shuts down.</param>
    /// <returns>A task that completes when delivered.</returns>
    ValueTask DeliverAsync(AlertNotification notification, CancellationToken cancellationToken);
}
