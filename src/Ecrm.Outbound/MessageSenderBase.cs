using System.Diagnostics.Metrics;
using Ecrm.Messaging;
using Ecrm.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecrm.Outbound;

/// <summary>
/// The common part of every <see cref="IMessageSender"/>: validation, idempotency per
/// <see cref="OutboundMessage.IdempotencyKey"/> (a key sent, or left unconfirmed, is answered from memory without a
/// new request; concurrent sends of one key share one attempt), receipts, logs and the <c>ecrm.messages.sent</c>
/// counter. A provider package derives from it and implements <see cref="DeliverAsync"/>.
/// </summary>
public abstract partial class MessageSenderBase : IMessageSender
{
    /// <summary>How many message keys a sender remembers (oldest forgotten first).</summary>
    public const int RememberedKeys = 200_000;

    private static readonly Meter Meter = new(EcrmTelemetry.Name);
    private static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("ecrm.messages.sent", "{message}", "Outbound messages by provider and status (sent, failed, unconfirmed).");
    private readonly Dictionary<string, Task<SendReceipt>> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Initializes the sender.</summary>
    /// <param name="time">The clock for receipts.</param>
    /// <param name="logger">The logger.</param>
    protected MessageSenderBase(TimeProvider time, ILogger? logger)
    {
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public abstract EventChannel Channel { get; }

    /// <inheritdoc />
    public abstract string Provider { get; }

    /// <summary>Gets the clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Gets the logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc />
    public async ValueTask<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        CheckMessage(message);
        Task<SendReceipt> task;
        bool mine;
        lock (_gate)
        {
            mine = !_keys.TryGetValue(message.IdempotencyKey, out task!);
            if (mine)
            {
                task = SendOnceAsync(message, cancellationToken);
                _keys[message.IdempotencyKey] = task;
                _order.Enqueue(message.IdempotencyKey);
                while (_order.Count > RememberedKeys)
                {
                    _keys.Remove(_order.Dequeue());
                }
            }
        }

        if (mine)
        {
            return await task.ConfigureAwait(false);
        }

        var earlier = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (earlier.Status == SendStatus.Failed)
        {
            // A failure was never sent: forget it, so a later call tries again.
            lock (_gate)
            {
                if (_keys.TryGetValue(message.IdempotencyKey, out var current) && current == task)
                {
                    _keys.Remove(message.IdempotencyKey);
                }
            }

            return await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        Repeated(Logger, Provider, message.IdempotencyKey, earlier.Status);
        return earlier with { Attempts = 0 };
    }

    /// <summary>Checks that the message suits this channel and provider (recipient kind, required fields).</summary>
    /// <param name="message">The message (already validated for the common fields).</param>
    /// <exception cref="MessageFormatException">It does not suit; the message names the field.</exception>
    protected abstract void CheckMessage(OutboundMessage message);

    /// <summary>Sends the message through the provider, with its resilience and idempotency rules.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">A token to cancel the send.</param>
    /// <returns>The provider call's outcome.</returns>
    protected abstract Task<ProviderCallResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken);

    private async Task<SendReceipt> SendOnceAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        await Task.Yield();
        ProviderCallResult result;
        try
        {
            result = await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _keys.Remove(message.IdempotencyKey);
            }

            throw;
        }

        var status = result.Answer.Kind switch
        {
            AnswerKind.Success => SendStatus.Sent,
            AnswerKind.Unknown => SendStatus.Unconfirmed,
            _ => SendStatus.Failed,
        };
        SentCounter.Add(1, new KeyValuePair<string, object?>("provider", Provider), new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
        if (status == SendStatus.Sent)
        {
            Sent(Logger, Provider, message.IdempotencyKey, result.Answer.MessageId, result.Attempts);
        }
        else
        {
            NotSent(Logger, Provider, message.IdempotencyKey, status, result.Attempts, result.Answer.Error);
        }

        return new SendReceipt(message.IdempotencyKey, Provider, status, result.Answer.MessageId, result.Attempts, result.Answer.Error, Time.GetUtcNow());
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Debug, Message = "{Provider} sent message {Key} as {ProviderMessageId} in {Attempts} attempts")]
    private static partial void Sent(ILogger logger, string provider, string key, string? providerMessageId, int attempts);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "{Provider} message {Key} {Status} after {Attempts} attempts: {Error}")]
    private static partial void NotSent(ILogger logger, string provider, string key, SendStatus status, int attempts, string? error);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Debug, Message = "{Provider} message {Key} was already handled ({Status}); not sent again")]
    private static partial void Repeated(ILogger logger, string provider, string key, SendStatus status);
}
