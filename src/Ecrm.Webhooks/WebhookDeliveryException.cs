namespace Ecrm.Webhooks;

/// <summary>A notification could not be delivered to the webhook, after every retry (or at once, with the circuit open).</summary>
public sealed class WebhookDeliveryException : EcrmException
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="notificationId">The notification that was not delivered.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="inner">The last failure.</param>
    public WebhookDeliveryException(string notificationId, string reason, Exception? inner = null)
        : base($"Alert webhook: expected a 2xx answer for notification '{notificationId}', received {reason}.", inner)
    {
        NotificationId = notificationId;
    }

    /// <summary>Gets the notification that was not delivered.</summary>
    public string NotificationId { get; }
}
