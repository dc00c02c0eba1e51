using Ecrm.Messaging;

namespace Ecrm.SampleHost;

/// <summary>
/// The sample host's stand-in for a real provider on one channel: it accepts every message and counts it, without
/// calling anyone (a real host registers AddAliyunSms, AddSendGrid, AddWeChatApi, ...).
/// </summary>
internal sealed class DemoSender(EventChannel channel, TimeProvider time) : IMessageSender
{
    private int _sent;

    public EventChannel Channel { get; } = channel;

    public string Provider => "demo-" + Channel.Name;

    public int Sent => _sent;

    public ValueTask<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _sent);
        return ValueTask.FromResult(new SendReceipt(message.IdempotencyKey, Provider, SendStatus.Sent, "demo-" + message.IdempotencyKey, 1, null, time.GetUtcNow()));
    }
}
