namespace Ecrm.Listening;

/// <summary>An in-process sink that calls a handler (registered by <c>AddAlertHandler</c>).</summary>
internal sealed class DelegateAlertSink(Func<AlertNotification, CancellationToken, ValueTask> handler) : IAlertSink
{
    public ValueTask DeliverAsync(AlertNotification notification, CancellationToken cancellationToken) => handler(notification, cancellationToken);
}
