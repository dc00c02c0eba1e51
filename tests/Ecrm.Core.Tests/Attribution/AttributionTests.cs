using Ecrm.Attribution;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Core.Tests.Attribution;

public sealed class AttributionTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<AttributionModel, string, decimal> Models => new()
    {
        { AttributionModel.LastTouch, "618-web", 100m },
        { AttributionModel.FirstTouch, "spring-sms", 100m },
        { AttributionModel.Linear, "qr-store-42", 33.33m },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Models_ShareThePurchase(AttributionModel model, string campaign, decimal revenue)
    {
        await using var h = await Harness.WithJourneyAsync();
        var report = await h.Attribution.ReportAsync(new AttributionQuery { Model = model });
        Assert.Equal(revenue, Assert.Single(report.ByCampaign, r => r.Key == campaign).Revenue);
        Assert.Equal(100m, report.ByCampaign.Sum(r => r.Revenue), 1);
    }

    [Fact]
    public async Task TimeDecay_FavoursRecentTouches()
    {
        await using var h = await Harness.WithJourneyAsync();
        var report = await h.Attribution.ReportAsync(new AttributionQuery { Model = AttributionModel.TimeDecay, HalfLife = TimeSpan.FromDays(7) });
        double W(int daysBefore) => Math.Pow(2, -daysBefore / 7.0);
        var total = W(6) + W(3) + W(1);
        Assert.Equal((decimal)Math.Round(100 * W(1) / total, 2), report.ByCampaign.Single(r => r.Key == "618-web").Revenue);
        Assert.Equal((decimal)Math.Round(100 * W(6) / total, 2), report.ByCampaign.Single(r => r.Key == "spring-sms").Revenue);
    }

    [Fact]
    public async Task FollowersCustomersAndMedia_AreCounted()
    {
        await using var h = await Harness.WithJourneyAsync();
        var report = await h.Attribution.ReportAsync(new AttributionQuery { Model = AttributionModel.LastTouch });
        var qr = report.ByCampaign.Single(r => r.Key == "qr-store-42");
        Assert.Equal((1, 1.0, 0.0), (qr.Touches, qr.Followers, qr.Orders)); // the follow came with the scan
        var web = report.ByCampaign.Single(r => r.Key == "618-web");
        Assert.Equal((1.0, 1.0), (web.NewCustomers, web.Orders));
        Assert.Equal(["banner", "wechat-qr", "sms"], report.ByMedium.Select(m => m.Key)); // by revenue, then followers
        Assert.Equal(0, report.Unattributed.Orders);
    }

    [Fact]
    public async Task WindowAndPeriod_Bound_WhatCounts()
    {
        await using var h = await Harness.WithJourneyAsync();
        // A second purchase 60 days later, with no touch in the 30 days before it: unattributed.
        await h.PurchaseAsync("late-order", Day0.AddDays(66), 50m);
        var report = await h.Attribution.ReportAsync();
        Assert.Equal((1.0, 50m), (report.Unattributed.Orders, report.Unattributed.Revenue));
        Assert.Equal(0, report.Unattributed.NewCustomers); // not the first purchase

        var late = await h.Attribution.ReportAsync(new AttributionQuery { From = Day0.AddDays(30) });
        Assert.Empty(late.ByCampaign);
        Assert.Equal(50m, late.Unattributed.Revenue);
        Assert.Throws<EcrmException>(() => new AttributionQuery { From = Day0, To = Day0 }.Validate());
    }

    [Fact]
    public async Task Coupons_AndHoldOutsAreReadRight()
    {
        await using var h = new Harness();
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "held",
            Channel = EventChannel.FromName("campaign"),
            Type = EventType.FromName("campaign-held-out"),
            OccurredAt = Day0,
            Identities = [Identity.Phone(Harness.Phone)],
            Properties = new EventProperties { CampaignCode = "summer" },
        });
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "coupon-order",
            Channel = EventChannel.Store,
            Type = EventType.Purchase,
            OccurredAt = Day0.AddDays(1),
            Identities = [Identity.Phone(Harness.Phone)],
            Properties = new EventProperties { Amount = 80m, Currency = "CNY", Custom = new Dictionary<string, string> { ["coupon"] = "VIP20" } },
        });
        var report = await h.Attribution.ReportAsync();
        Assert.Equal(("VIP20", 80m), (report.ByCampaign.Single().Key, report.ByCampaign.Single().Revenue));
        Assert.Equal("coupon", report.ByMedium.Single().Key);
    }

    private sealed class Harness : IAsyncDisposable
    {
        public const string Phone = "+8613900000001";
        private readonly ServiceProvider _provider;

        public Harness()
        {
            var services = new ServiceCollection();
            services.AddEcrm().AddAttribution();
            _provider = services.BuildServiceProvider();
            Graph = _provider.GetRequiredService<ICustomerGraph>();
            Attribution = _provider.GetRequiredService<IAttribution>();
        }

        public ICustomerGraph Graph { get; }

        public IAttribution Attribution { get; }

        /// <summary>An SMS campaign (day 0), a QR scan that follows (day 3), a banner click (day 5), a purchase of 100 (day 6).</summary>
        public static async Task<Harness> WithJourneyAsync()
        {
            var h = new Harness();
            await h.Graph.IngestAsync(new CustomerEvent
            {
                Id = "sms",
                Channel = EventChannel.FromName("campaign"),
                Type = EventType.FromName("campaign-sent"),
                OccurredAt = Day0,
                Identities = [Identity.Phone(Phone)],
                Properties = new EventProperties { CampaignCode = "spring-sms", Custom = new Dictionary<string, string> { ["channel"] = "sms" } },
            });
            await h.Graph.IngestAsync(new CustomerEvent
            {
                Id = "qr-follow",
                Channel = EventChannel.WeChat,
                Type = EventType.Follow,
                OccurredAt = Day0.AddDays(3),
                Identities = [Identity.WeChatOpenId("wxapp", "o1"), Identity.Phone(Phone)],
                Properties = new EventProperties { SceneCode = "qr-store-42" },
            });
            await h.Graph.IngestAsync(new CustomerEvent
            {
                Id = "click",
                Channel = EventChannel.Web,
                Type = EventType.PageView,
                OccurredAt = Day0.AddDays(5),
                Identities = [Identity.Phone(Phone)],
                Properties = new EventProperties { Url = "https://shop.example.com/sale?utm_source=weibo&utm_medium=banner&utm_campaign=618-web" },
            });
            await h.PurchaseAsync("order", Day0.AddDays(6), 100m);
            return h;
        }

        public Task PurchaseAsync(string id, DateTimeOffset at, decimal amount) => Graph.IngestAsync(new CustomerEvent
        {
            Id = id,
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = at,
            Identities = [Identity.Phone(Phone)],
            Properties = new EventProperties { Amount = amount, Currency = "CNY" },
        }).AsTask();

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }
}
