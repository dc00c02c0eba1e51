using System.Security.Cryptography;
using System.Text;
using Ecrm.Consent;
using Ecrm.Messaging.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Messaging.Tests;

/// <summary>SendGrid's signed event webhook (its SDK's official vector, and real signatures) and Mailgun's webhooks.</summary>
public sealed class EmailEventWebhookTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ServiceProvider _services;

    public EmailEventWebhookTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddEcrm().AddConsent().AddEmailEventWebhooks(o =>
        {
            o.SendGridPublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
            o.MailgunSigningKey = "mailgun-signing-key";
        });
        _services = services.BuildServiceProvider();
        Handler = _services.GetRequiredService<EmailEventWebhookHandler>();
        Graph = _services.GetRequiredService<ICustomerGraph>();
    }

    private EmailEventWebhookHandler Handler { get; }

    private ICustomerGraph Graph { get; }

    public async ValueTask DisposeAsync()
    {
        _key.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task SendGridSdkVector_Verifies_AndItsBodyIsThenJudgedOnShape()
    {
        // The vector of SendGrid's own SDK tests (@sendgrid/eventwebhook): a signature over timestamp + payload.
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1588788367)));
        services.AddEcrm().AddEmailEventWebhooks(o => o.SendGridPublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==");
        await using var provider = services.BuildServiceProvider();
        var handler = provider.GetRequiredService<EmailEventWebhookHandler>();
        var headers = new Dictionary<string, string>
        {
            [EmailEventWebhookHandler.SendGridSignatureHeader] = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
            [EmailEventWebhookHandler.SendGridTimestampHeader] = "1588788367",
        };
        var payload = """{"category":"example_payload","event":"test_event","message_id":"message_id"}"""u8.ToArray();
        Assert.Equal(400, (await handler.HandleSendGridAsync(headers, payload)).StatusCode); // signed, but an object, not the array of events
        payload[^2] = (byte)'X';
        Assert.Equal(401, (await handler.HandleSendGridAsync(headers, payload)).StatusCode);
    }

    [Fact]
    public async Task SendGridEvents_BecomeCampaignEvents_AndUnsubscribesWithdrawConsent()
    {
        await Graph.IngestAsync(new CustomerEvent
        {
            Id = "opt-in",
            Channel = EventChannel.Web,
            Type = ConsentEvents.Given,
            OccurredAt = Now.AddDays(-10),
            Identities = [Identity.Email("buyer@example.com")],
            Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = "email" } },
        });
        var at = Now.AddMinutes(-2).ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes($$"""
            [{"email":"buyer@example.com","timestamp":{{at}},"event":"processed","sg_event_id":"e0","sg_message_id":"m1","ecrm_campaign":"summer-sale","ecrm_key":"summer-sale:cus_1"},
             {"email":"buyer@example.com","timestamp":{{at}},"event":"delivered","sg_event_id":"e1","sg_message_id":"m1","ecrm_campaign":"summer-sale","ecrm_key":"summer-sale:cus_1"},
             {"email":"buyer@example.com","timestamp":{{at + 60}},"event":"open","sg_event_id":"e2","sg_message_id":"m1","ecrm_campaign":"summer-sale"},
             {"email":"buyer@example.com","timestamp":{{at + 90}},"event":"click","sg_event_id":"e3","url":"https://shop.example.com/sale?utm_campaign=summer-sale","ecrm_campaign":"summer-sale"},
             {"email":"buyer@example.com","timestamp":{{at + 100}},"event":"unsubscribe","sg_event_id":"e4","ecrm_campaign":"summer-sale"}]
            """);
        var (status, reason) = await Handler.HandleSendGridAsync(SendGridHeaders(body), body);
        Assert.True(status == 200, reason);
        Assert.Equal("4 recorded, 0 repeats, 0 rejected", reason);
        Assert.Equal("0 recorded, 4 repeats, 0 rejected", (await Handler.HandleSendGridAsync(SendGridHeaders(body), body)).Reason); // a redelivery

        var customer = await Graph.FindAsync(Identity.Email("buyer@example.com"));
        var types = customer!.Timeline.Events.Select(e => e.Type.Name).ToList();
        Assert.Contains("campaign-delivered", types);
        Assert.Contains("campaign-opened", types);
        Assert.Contains("campaign-clicked", types);
        Assert.All(customer.Timeline.Events.Where(e => e.Type.Name.StartsWith("campaign-", StringComparison.Ordinal)), e => Assert.Equal("summer-sale", e.Properties!.CampaignCode));
        var consent = await _services.GetRequiredService<IConsentRegistry>().CheckAsync(customer.Profile.Id, EventChannel.Email, MessagePurpose.Marketing, Now);
        Assert.False(consent.Allowed);
        Assert.Contains("sendgrid:e4", consent.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("missing")]
    public async Task SendGrid_RefusesWhatItCannotTrust(string problem)
    {
        var body = Encoding.UTF8.GetBytes($$"""[{"email":"a@example.com","timestamp":1,"event":"delivered","sg_event_id":"x"}]""");
        var headers = SendGridHeaders(body, problem == "stale" ? Now.AddMinutes(-10) : Now);
        if (problem == "forged")
        {
            body[5] ^= 1;
        }
        else if (problem == "missing")
        {
            headers.Remove(EmailEventWebhookHandler.SendGridSignatureHeader);
        }

        Assert.Equal(401, (await Handler.HandleSendGridAsync(headers, body)).StatusCode);
        Assert.Null(await Graph.FindAsync(Identity.Email("a@example.com")));
    }

    [Fact]
    public async Task MailgunEvents_AreVerifiedAndRecorded()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string token = "5d5b0d6f1f5f4a3c9e";
        var signature = Convert.ToHexString(HMACSHA256.HashData("mailgun-signing-key"u8, Encoding.UTF8.GetBytes(timestamp + token))).ToLowerInvariant();
        string Body(string sig) => $$$"""
            {"signature":{"timestamp":"{{{timestamp}}}","token":"{{{token}}}","signature":"{{{sig}}}"},
             "event-data":{"event":"failed","id":"mg-1","timestamp":{{{Now.ToUnixTimeSeconds()}}}.25,"recipient":"lin@example.com",
                           "delivery-status":{"message":"mailbox full"},"user-variables":{"ecrm-campaign":"autumn","ecrm-key":"autumn:cus_9"} } }
            """;
        Assert.Equal(401, (await Handler.HandleMailgunAsync(Encoding.UTF8.GetBytes(Body(new string('0', 64))))).StatusCode);
        var (status, reason) = await Handler.HandleMailgunAsync(Encoding.UTF8.GetBytes(Body(signature)));
        Assert.True(status == 200, reason);
        var e = Assert.Single((await Graph.FindAsync(Identity.Email("lin@example.com")))!.Timeline.Events);
        Assert.Equal(("campaign-failed", "autumn", "mailbox full"), (e.Type.Name, e.Properties!.CampaignCode, e.Properties.Custom!["reason"]));
        Assert.Equal(400, (await Handler.HandleMailgunAsync("{\"signature\":"u8.ToArray())).StatusCode);
    }

    private Dictionary<string, string> SendGridHeaders(byte[] body, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? Now).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) // headers arrive in any case
        {
            ["x-twilio-email-event-webhook-signature"] = Convert.ToBase64String(_key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
            ["X-Twilio-Email-Event-Webhook-Timestamp"] = timestamp,
        };
    }
}
