namespace Ecrm.Messaging;

/// <summary>The outcome of sending one message.</summary>
public enum SendStatus
{
    /// <summary>The provider accepted the message (delivery receipts may follow as events).</summary>
    Sent,

    /// <summary>The provider refused the message, or every retry failed before it was accepted: it was not sent.</summary>
    Failed,

    /// <summary>
    /// An attempt reached the provider but its answer was lost (a timeout or a dropped connection) and the provider
    /// offers no way to find out: the message may or may not have been sent, and is not retried so that it is never
    /// sent twice.
    /// </summary>
    Unconfirmed,
}
