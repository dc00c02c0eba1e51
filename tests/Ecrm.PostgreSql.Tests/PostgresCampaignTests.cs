using Ecrm.Campaigns;
using Ecrm.Consent;
using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.PostgreSql.Tests;

/// <summary>Campaigns on instances sharing one database: a message is sent once, by the instance that took the events.</summary>
public sealed class PostgresCampaignTests
{
    private const string Phone = "+8613900000001";

    [PostgresFact]
    public async Task ATierReachedOnOneInstance_IsWelcomedByThatInstanceOnly()
    {
        var schema = PostgresServer.NewSchema();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero)); // 14:00 in Shanghai: no quiet hours
        var (a, aSent) = Instance(schema, clock);
        var (b, bSent) = Instance(schema, clock);
        await using (a)
        await using (b)
        {
            var graphA = a.GetRequiredService<ICustomerGraph>();
            var graphB = b.GetRequiredService<ICustomerGraph>();
            await graphB.OpenAsync(); // listening from here on; b never writes
            var now = clock.GetUtcNow();
            await graphA.IngestAsync(new CustomerEvent
            {
                Id = "consent-sms",
                Channel = EventChannel.Web,
                Type = ConsentEvents.Given,
                OccurredAt = now.AddDays(-1),
                Identities = [Identity.Phone(Phone)],
                Profile = new ProfileAttributes { Name = "顾客" },
                Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = "sms", ["purpose"] = "marketing" } },
            });
            foreach (var instance in new[] { a, b })
            {
                instance.GetRequiredService<ICampaigns>().Define(new CampaignDefinition
                {
                    Code = "gold-welcome",
                    Channels = [EventChannel.Sms],
                    HoldOut = 0,
                    Trigger = CampaignTrigger.TierReached("gold"),
                    Messages = [new CampaignMessage { Channel = EventChannel.Sms, TemplateId = "SMS_100", TemplateData = new Dictionary<string, string> { ["name"] = "{name}" } }],
                });
            }

            clock.Advance(TimeSpan.FromMinutes(1)); // the purchase comes after both definitions
            var bought = await graphA.IngestAsync(new CustomerEvent
            {
                Id = "order-gold",
                Channel = EventChannel.Shop,
                Type = EventType.Purchase,
                OccurredAt = clock.GetUtcNow(),
                Identities = [Identity.Phone(Phone)],
                Properties = new EventProperties { Amount = 1100m, Currency = "CNY" },
            });

            // b hears the change and sees the tier; a sends the welcome; b, which heard of it from a, sends nothing.
            var insightsB = b.GetRequiredService<ICustomerInsights>();
            await Eventually.Within(TimeSpan.FromSeconds(2), async () => (await insightsB.GetAsync(bought.CustomerId!))?.Loyalty.Tier?.Current == "gold");
            await Eventually.Within(TimeSpan.FromSeconds(2), () => Task.FromResult(aSent.Count == 1));
            await Task.Delay(500); // time for b to act on what it heard, had it been going to
            Assert.Empty(bSent);
            Assert.Single(aSent);
        }
    }

    private static (ServiceProvider Services, List<OutboundMessage> Sent) Instance(string schema, TimeProvider clock)
    {
        var sent = new List<OutboundMessage>();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<IMessageSender>(new RecordingSender(sent));
        services.AddEcrm()
            .UsePostgreSqlStore(PostgresServer.ConnectionString!, o => o.Schema = schema)
            .AddInsights(o =>
            {
                o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
                o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
                o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 1000));
            })
            .AddCampaigns();
        return (services.BuildServiceProvider(), sent);
    }

    private sealed class RecordingSender(List<OutboundMessage> sent) : IMessageSender
    {
        public EventChannel Channel => EventChannel.Sms;

        public string Provider => "recording-sms";

        public ValueTask<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            lock (sent)
            {
                sent.Add(message);
            }

            return ValueTask.FromResult(new SendReceipt(message.IdempotencyKey, Provider, SendStatus.Sent, "id-" + message.IdempotencyKey, 1, null, DateTimeOffset.UtcNow));
        }
    }
}
