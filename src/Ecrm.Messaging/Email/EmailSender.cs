using Ecrm.Outbound;
using Microsoft.Extensions.Logging;

namespace Ecrm.Messaging.Email;

/// <summary>
/// The common part of the e-mail senders: the recipient must be an e-mail address and the message needs a body or a
/// template. E-mail APIs cannot recognise a repeated request, so an attempt whose answer is lost is reported
/// unconfirmed instead of being sent again; answers that say "not done" (429 with its wait, 5xx) are retried.
/// </summary>
public abstract class EmailSender : MessageSenderBase, IDisposable
{
    /// <summary>Initializes the sender.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="clientName">The named client to use.</param>
    /// <param name="options">The resilience settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    protected EmailSender(IHttpClientFactory clients, string clientName, EmailSenderOptions options, TimeProvider time, ILogger? logger)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        Call = new ProviderCall(GetType().Name, () => clients.CreateClient(clientName), options, time, logger);
    }

    /// <inheritdoc />
    public override EventChannel Channel => EventChannel.Email;

    /// <summary>Gets the provider call policy.</summary>
    protected ProviderCall Call { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the call policy.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Call.Dispose();
        }
    }

    /// <inheritdoc />
    protected override void CheckMessage(OutboundMessage message)
    {
        if (message.Recipient.Kind != IdentityKind.Email)
        {
            throw new MessageFormatException(nameof(message.Recipient), $"expected an e-mail address, received a {message.Recipient.Kind} identity");
        }

        if (string.IsNullOrEmpty(message.TemplateId) && string.IsNullOrEmpty(message.Subject))
        {
            throw new MessageFormatException(nameof(message.Subject), "expected a subject (or a provider template that has one), received none");
        }
    }
}
