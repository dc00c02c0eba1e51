using Ecrm.Campaigns;
using Ecrm.Consent;
using Ecrm.Messaging.Email;
using Ecrm.Messaging.Sms;
using Ecrm.ProviderStubs;
using Ecrm.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Messaging.Tests;

/// <summary>
/// A campaign through the real SMS and e-mail senders to loopback stubs that fail 30% of requests in every way they
/// can: nobody receives it twice, nobody without consent, and every SMS arrives exactly once.
/// </summary>
public sealed class CampaignDeliveryTests : IAsyncLifetime
{
    private readonly AliyunSmsStub _sms = new();
    private readonly SendGridStub _email = new();

    public async Task InitializeAsync()
    {
        await _sms.StartAsync();
        await _email.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sms.DisposeAsync();
        await _email.DisposeAsync();
    }

    [Fact]
    public async Task ThirtyPercentFaults_NobodyTwice_NobodyWithoutConsent()
    {
        _sms.Faults = new FaultPlan(0.3, 31);
        _email.Faults = new FaultPlan(0.3, 32);
        _sms.HangFor = _email.HangFor = TimeSpan.FromSeconds(3);
        var services = new ServiceCollection();
        services.AddEcrm(o => o.DefaultPhoneRegion = "CN")
            .AddInsights(o => o.Segments.Add(SegmentDefinition.Parse("buyers", 1, "count(purchase, 365d) >= 1")))
            .AddConsent(o => o.QuietHours = null) // the test runs at any hour of the day
            .AddCampaigns(o => o.Parallelism = 16)
            .AddAliyunSms(o => Configure(StubResilience.Fast(o)))
            .AddSendGrid(o => Configure(StubResilience.Fast(o)));
        services.AddHttpClient(AliyunSmsSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        services.AddHttpClient(SendGridEmailSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();

        // 120 buyers; a third opted in to SMS, a third to e-mail, a third to neither (and one in ten withdrew again).
        var random = new Random(5);
        var consented = new Dictionary<int, string?>();
        for (var p = 0; p < 120; p++)
        {
            var phone = Identity.Phone($"+86139{p:D8}");
            await graph.IngestAsync(new CustomerEvent
            {
                Id = $"order-{p}",
                Channel = EventChannel.Shop,
                Type = EventType.Purchase,
                OccurredAt = DateTimeOffset.UtcNow.AddDays(-30),
                Identities = [phone, Identity.Email($"buyer{p}@example.com")],
                Properties = new EventProperties { Amount = 50m, Currency = "CNY" },
            });
            var channel = (p % 3) switch { 0 => "sms", 1 => "email", _ => null };
            if (channel is not null)
            {
                await graph.IngestAsync(Consent($"in-{p}", phone, channel, ConsentEvents.Given, -10));
                if (random.Next(10) == 0)
                {
                    await graph.IngestAsync(Consent($"out-{p}", phone, channel, ConsentEvents.Withdrawn, -5));
                    channel = null;
                }
            }

            consented[p] = channel;
        }

        var campaigns = provider.GetRequiredService<ICampaigns>();
        campaigns.Define(new CampaignDefinition
        {
            Code = "fault-test",
            Segment = "buyers",
            Channels = [EventChannel.Sms, EventChannel.Email],
            HoldOut = 0,
            Messages =
            [
                new CampaignMessage { Channel = EventChannel.Sms, TemplateId = "SMS_1", TemplateData = new Dictionary<string, string> { ["code"] = "{campaign}" } },
                new CampaignMessage { Channel = EventChannel.Email, Subject = "Hi", Text = "Offer" },
            ],
        });
        var first = await campaigns.RunAsync("fault-test");
        var second = await campaigns.RunAsync("fault-test"); // retries what failed for certain

        for (var p = 0; p < 120; p++)
        {
            var sms = _sms.Done.GetValueOrDefault($"139{p:D8}/fault-test:{await graph.ResolveAsync(Identity.Phone($"+86139{p:D8}"))}");
            var mail = _email.Done.GetValueOrDefault($"fault-test:{await graph.ResolveAsync(Identity.Phone($"+86139{p:D8}"))}");
            Assert.True(sms + mail <= 1, $"person {p} received {sms + mail} messages");
            Assert.True(sms == 0 || consented[p] == "sms", $"person {p} got an SMS without consent");
            Assert.True(mail == 0 || consented[p] == "email", $"person {p} got an e-mail without consent");
            if (consented[p] == "sms")
            {
                Assert.Equal(1, sms); // SendSms lost answers are reconciled through QuerySendDetails: exactly once
            }
        }

        Assert.True(first.Failed + first.Unconfirmed > 0 || second.Sent.Count > 0, "the faults must have hit some sends");
        Assert.True(_sms.Faults.Injected.Values.Sum() + _email.Faults.Injected.Values.Sum() > 10);
    }

    private void Configure(AliyunSmsOptions o)
    {
        o.AccessKeyId = AliyunSmsStub.AccessKeyId;
        o.AccessKeySecret = AliyunSmsStub.AccessKeySecret;
        o.SignName = "青禾商城";
        o.Endpoint = _sms.BaseAddress;
        o.ReconcileDelay = TimeSpan.Zero;
    }

    private void Configure(SendGridOptions o)
    {
        o.ApiKey = SendGridStub.ApiKey;
        o.FromAddress = "no-reply@shop.example.com";
        o.Endpoint = new Uri(_email.BaseAddress, "v3/mail/send");
    }

    private static CustomerEvent Consent(string id, Identity phone, string channel, EventType type, int days) => new()
    {
        Id = id,
        Channel = EventChannel.Web,
        Type = type,
        OccurredAt = DateTimeOffset.UtcNow.AddDays(days),
        Identities = [phone],
        Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channel, ["purpose"] = "marketing" } },
    };
}
