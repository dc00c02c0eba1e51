using Ecrm.Messaging.Email;
using Ecrm.Messaging.Sms;
using Ecrm.Outbound;
using Ecrm.ProviderStubs;
using Microsoft.Extensions.Options;

namespace Ecrm.Messaging.Tests;

/// <summary>Builds senders pointed at loopback stubs, with test-sized timeouts and delays.</summary>
internal static class SenderFixture
{
    public static readonly LoopbackClientFactory Clients = new();

    public static AliyunSmsSender Sms(ProviderStub stub, string secret = AliyunSmsStub.AccessKeySecret) => new(
        Clients,
        Options.Create(StubResilience.Fast(new AliyunSmsOptions
        {
            AccessKeyId = AliyunSmsStub.AccessKeyId,
            AccessKeySecret = secret,
            SignName = "青禾商城",
            Endpoint = stub.BaseAddress,
            ReconcileDelay = TimeSpan.Zero,
        })),
        TimeProvider.System);

    public static SendGridEmailSender SendGrid(ProviderStub stub, string key = SendGridStub.ApiKey) => new(
        Clients,
        Options.Create(StubResilience.Fast(new SendGridOptions { ApiKey = key, FromAddress = "no-reply@shop.example.com", FromName = "青禾", Endpoint = new Uri(stub.BaseAddress, "v3/mail/send") })),
        TimeProvider.System);

    public static MailgunEmailSender Mailgun(ProviderStub stub) => new(
        Clients,
        Options.Create(StubResilience.Fast(new MailgunOptions { ApiKey = MailgunStub.ApiKey, Domain = MailgunStub.Domain, FromAddress = "no-reply@mg.example.com", BaseAddress = stub.BaseAddress })),
        TimeProvider.System);

    public static OutboundMessage SmsMessage(int i) => new()
    {
        IdempotencyKey = $"sms-{i}",
        Recipient = Identity.Phone($"+86 139{i:00000000}"),
        TemplateId = "SMS_71390007",
        TemplateData = new Dictionary<string, string> { ["name"] = "王小明", ["code"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public static OutboundMessage EmailMessage(int i) => new()
    {
        IdempotencyKey = $"mail-{i}",
        Recipient = Identity.Email($"buyer{i}@example.com"),
        RecipientName = "张三",
        Subject = "您的订单已发货",
        Text = "订单 1042 已发货。",
        Html = "<p>订单 1042 已发货。</p>",
        CampaignCode = "autumn-2026",
    };

    /// <summary>Sends messages with a few in flight at a time.</summary>
    public static async Task<SendReceipt[]> SendAll(IMessageSender sender, IReadOnlyList<OutboundMessage> messages)
    {
        var receipts = new SendReceipt[messages.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            receipts[i] = await sender.SendAsync(messages[i], ct));
        return receipts;
    }
}
