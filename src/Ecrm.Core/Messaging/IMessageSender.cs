namespace Ecrm.Messaging;

/// <summary>
/// Delivers messages through one provider on one channel (an SMS gateway, an e-mail API, a WeChat official account).
/// Implementations are thread-safe, resilient (timeouts, retries, rate limits) and idempotent per
/// <see cref="OutboundMessage.IdempotencyKey"/> within the limits their documentation states.
/// </summary>
public interface IMessageSender
{
    /// <summary>Gets the channel the sender delivers on.</summary>
    EventChannel Channel { get; }

    /// <summary>Gets the provider's name, for logs and receipts (for example <c>aliyun-sms</c>).</summary>
    string Provider { get; }

    /// <summary>Sends a message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">A token to cancel the send (an attempt already on the wire may still arrive).</param>
    /// <returns>What happened: sent, failed (with the reason), or unconfirmed (the outcome cannot be known).</returns>
    /// <exception cref="MessageFormatException">The message is malformed or does not suit this channel.</exception>
    ValueTask<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
