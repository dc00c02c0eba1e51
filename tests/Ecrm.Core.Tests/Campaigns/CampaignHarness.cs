using Ecrm.Campaigns;
using Ecrm.Consent;
using Ecrm.Messaging;
using Ecrm.Segments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Campaigns;

/// <summary>The graph with segments, consent, recommendations and campaigns, a fake clock and recording senders.</summary>
internal sealed class CampaignHarness : IAsyncDisposable
{
    public const string AppId = "wxapp";

    // 2026-06-01 06:00 UTC is 14:00 in Shanghai.
    public static readonly DateTimeOffset Afternoon = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _provider;

    public CampaignHarness(Func<OutboundMessage, SendStatus>? outcome = null, Action<CampaignOptions>? configure = null)
    {
        Clock = new FakeTimeProvider(Afternoon);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        foreach (var channel in new[] { EventChannel.WeChat, EventChannel.Sms, EventChannel.Email })
        {
            var sender = new RecordingSender(channel, Clock, outcome);
            Senders[channel] = sender;
            services.AddSingleton<IMessageSender>(sender);
        }

        services.AddEcrm()
            .AddInsights(o =>
            {
                o.Segments.Add(SegmentDefinition.Parse("buyers", 1, "count(purchase, 365d) >= 1"));
                o.Loyalty.Rules.Add(new Ecrm.Loyalty.LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
                o.Loyalty.Tiers.Levels.Add(new Ecrm.Loyalty.TierLevel("silver", 0));
                o.Loyalty.Tiers.Levels.Add(new Ecrm.Loyalty.TierLevel("gold", 1000));
            })
            .AddRecommendations(o => o.MinSupport = 0.01)
            .AddCampaigns(o => { o.WeChatAppId = AppId; configure?.Invoke(o); });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Graph = _provider.GetRequiredService<ICustomerGraph>();
        Campaigns = _provider.GetRequiredService<ICampaigns>();
        Consent = _provider.GetRequiredService<IConsentRegistry>();
        Engine = _provider.GetRequiredService<CampaignService>();
    }

    public CampaignService Engine { get; }

    public FakeTimeProvider Clock { get; }

    public Dictionary<EventChannel, RecordingSender> Senders { get; } = [];

    public ICustomerGraph Graph { get; }

    public ICampaigns Campaigns { get; }

    public IConsentRegistry Consent { get; }

    public IEnumerable<(OutboundMessage Message, DateTimeOffset At, SendStatus Status)> Delivered => Senders.Values.SelectMany(s => s.Log);

    public static string Phone(int person) => $"+86139{person:D8}";

    public static CampaignDefinition Campaign(string code = "summer-sale", params EventChannel[] channels) => new()
    {
        Code = code,
        Segment = "buyers",
        Channels = channels.Length > 0 ? channels : [EventChannel.WeChat, EventChannel.Sms, EventChannel.Email],
        HoldOut = 0.2,
        Messages =
        [
            new CampaignMessage { Channel = EventChannel.WeChat, TemplateId = "tpl-sale", TemplateData = new Dictionary<string, string> { ["thing1"] = "{name}，夏季特惠", ["thing2"] = "{recommendation}" }, Link = "https://shop.example.com/sale?utm_campaign={campaign}" },
            new CampaignMessage { Channel = EventChannel.Sms, TemplateId = "SMS_100", TemplateData = new Dictionary<string, string> { ["name"] = "{name}" } },
            new CampaignMessage { Channel = EventChannel.Email, Subject = "{name}，为您推荐{recommendation}", Text = "{reason}" },
            new CampaignMessage { Channel = EventChannel.Email, Language = "en", Subject = "{name}, picked for you: {recommendation}", Text = "{reason}" },
        ],
    };

    /// <summary>A buyer with a phone (and optionally an e-mail address, a WeChat follow), a name, a language, one order.</summary>
    public async Task<string> BuyerAsync(int person, bool email = true, bool wechat = false, string language = "zh-CN")
    {
        List<Identity> identities = [Identity.Phone(Phone(person))];
        if (email)
        {
            identities.Add(Identity.Email($"buyer{person}@example.com"));
        }

        await Graph.IngestAsync(new CustomerEvent
        {
            Id = $"order-{person}",
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = Afternoon.AddDays(-100),
            Identities = identities,
            Profile = new ProfileAttributes { Name = $"顾客{person}", Language = language },
            Properties = new EventProperties { Amount = 99m, Currency = "CNY", LineItems = [new LineItem { Sku = "TEA", Name = "明前龙井", Category = "茶叶", UnitPrice = 99m }, new LineItem { Sku = person % 2 == 0 ? "CUP" : "POT", Name = person % 2 == 0 ? "紫砂杯" : "茶壶", Category = "茶具", UnitPrice = 59m }] },
        });
        if (wechat)
        {
            await Graph.IngestAsync(new CustomerEvent
            {
                Id = $"follow-{person}",
                Channel = EventChannel.WeChat,
                Type = EventType.Follow,
                OccurredAt = Afternoon.AddDays(-90),
                Identities = [Identity.WeChatOpenId(AppId, $"openid-{person}"), Identity.Phone(Phone(person))],
            });
        }

        return (await Graph.ResolveAsync(Identity.Phone(Phone(person))))!;
    }

    public Task ConsentAsync(int person, string channel, bool given, DateTimeOffset? at = null, string purpose = "marketing") => Graph.IngestAsync(new CustomerEvent
    {
        Id = $"consent-{person}-{channel}-{purpose}-{given}-{(at ?? Afternoon.AddDays(-10)).UtcTicks}",
        Channel = EventChannel.Web,
        Type = given ? ConsentEvents.Given : ConsentEvents.Withdrawn,
        OccurredAt = at ?? Afternoon.AddDays(-10),
        Identities = [Identity.Phone(Phone(person))],
        Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channel, ["purpose"] = purpose } },
    }).AsTask();

    public async Task BuyAgainAsync(int person, DateTimeOffset at, decimal amount = 120m) => await Graph.IngestAsync(new CustomerEvent
    {
        Id = $"order-{person}-{at.UtcTicks}",
        Channel = EventChannel.Shop,
        Type = EventType.Purchase,
        OccurredAt = at,
        Identities = [Identity.Phone(Phone(person))],
        Properties = new EventProperties { Amount = amount, Currency = "CNY" },
    });

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>A sender that records what it is asked to send and answers with the given outcome.</summary>
    internal sealed class RecordingSender(EventChannel channel, TimeProvider time, Func<OutboundMessage, SendStatus>? outcome) : IMessageSender
    {
        public EventChannel Channel { get; } = channel;

        public string Provider => "recording-" + Channel.Name;

        public List<(OutboundMessage Message, DateTimeOffset At, SendStatus Status)> Log { get; } = [];

        public ValueTask<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            var status = outcome?.Invoke(message) ?? SendStatus.Sent;
            lock (Log)
            {
                Log.Add((message, time.GetUtcNow(), status));
            }

            return ValueTask.FromResult(new SendReceipt(message.IdempotencyKey, Provider, status, status == SendStatus.Sent ? "id-" + message.IdempotencyKey : null, 1, null, time.GetUtcNow()));
        }
    }
}
