using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Segments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ecrm.Core.Tests.Insights.InsightsHarness;

namespace Ecrm.Core.Tests.Insights;

public sealed class CustomerInsightsTests
{
    [Fact]
    public async Task Ingestion_EntersASegment_WithTheReasons_AndSizesStayCurrent()
    {
        await using var h = new InsightsHarness();
        await h.Graph.IngestAsync(Purchase("p1", 1, Now.AddDays(-3), 600));
        Assert.Empty(h.Recorder.Changes); // silver, one purchase
        await h.Graph.IngestAsync(Purchase("p2", 1, Now.AddDays(-1), 500));

        var entered = Assert.Single(h.Recorder.Changes);
        Assert.True(entered.Entered);
        Assert.Equal("gold-buyers", entered.Segment);
        var id = await h.Graph.ResolveAsync(Identity.Phone("+8613800000001"));
        Assert.Equal(id, entered.CustomerId);
        Assert.Equal(
            [("tier = \"gold\"", true, "gold"), ("count(purchase, 30d) >= 2", true, "2")],
            entered.Reason!.Clauses.Select(c => (c.Clause, c.Held, c.Value)));
        Assert.Equal(1, Assert.Single(await h.Insights.GetSegmentsAsync()).Size);
        Assert.Equal([id!], await h.Insights.GetMembersAsync("gold-buyers"));
    }

    [Fact]
    public async Task TimeWindows_ExitOnSchedule_WithoutNewEvents()
    {
        await using var h = new InsightsHarness();
        await h.Graph.IngestBatchAsync([Purchase("p1", 1, Now.AddDays(-20), 600), Purchase("p2", 1, Now.AddDays(-1), 500)]);
        Assert.Single(h.Recorder.Changes);

        await h.AdvanceAsync(TimeSpan.FromDays(9)); // p1 is 29 days old: still in
        Assert.Single(h.Recorder.Changes);
        await h.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // 30 days and a minute: out
        var exit = h.Recorder.Changes[^1];
        Assert.False(exit.Entered);
        Assert.Contains(exit.Reason!.Clauses, c => c is { Clause: "count(purchase, 30d) >= 2", Held: false, Value: "1" });
        Assert.Equal(0, (await h.Insights.GetSegmentsAsync())[0].Size);
    }

    [Fact]
    public async Task Customer360_ShowsPointsTierScoresAndSegments()
    {
        await using var h = new InsightsHarness();
        await h.Graph.IngestBatchAsync([Purchase("p1", 1, Now.AddDays(-5), 600), Purchase("p2", 1, Now.AddDays(-1), 500)]);
        var view = await h.Graph.FindAsync(Identity.Phone("+8613800000001"));
        var insight = view!.Insight!;
        Assert.Equal(1100, insight.Points);
        Assert.Equal("gold", insight.Tier);
        Assert.Equal([("silver", true), ("gold", true)], insight.Loyalty.Tier.History.Select(c => (c.To, c.IsUpgrade)));
        Assert.True(insight.Engagement > 0);
        Assert.Equal("gold-buyers", Assert.Single(insight.Segments).Segment);
    }

    [Fact]
    public async Task Redeem_RefusesToOverdraw_AndIsIdempotent()
    {
        await using var h = new InsightsHarness();
        await h.Graph.IngestAsync(Purchase("p1", 1, Now.AddDays(-1), 300));
        var id = (await h.Graph.ResolveAsync(Identity.Phone("+8613800000001")))!;

        var ex = await Assert.ThrowsAsync<InsufficientPointsException>(async () => await h.Loyalty.RedeemAsync(id, 301, "gift-1"));
        Assert.Equal(300, ex.Balance);
        Assert.Null(await h.Store.GetEventAsync("gift-1")); // nothing recorded

        var after = await h.Loyalty.RedeemAsync(id, 200, "gift-2", "tea set");
        Assert.Equal(100, after.Balance);
        Assert.Equal(100, (await h.Loyalty.RedeemAsync(id, 200, "gift-2", "tea set")).Balance); // a replay changes nothing
        Assert.Equal(after.Balance, after.Entries.Sum(e => e.Points));
        var timeline = await h.Graph.GetTimelineAsync(id);
        Assert.Equal("points-redeemed", timeline.Events[0].Type.Name);
    }

    [Fact]
    public async Task DefineSegment_EvaluatesEveryone_AndANewVersionPublishesOnlyTheDifference()
    {
        await using var h = new InsightsHarness();
        await h.Graph.IngestBatchAsync(
        [
            Purchase("a1", 1, Now.AddDays(-2), 100, "手机"),
            Purchase("a2", 1, Now.AddDays(-1), 100, "手机"),
            Purchase("b1", 2, Now.AddDays(-1), 100, "耳机"),
        ]);
        var info = await h.Insights.DefineSegmentAsync(SegmentDefinition.Parse("phone-fans", 1, "count(purchase, 30d, category = \"手机\") >= 2"));
        Assert.Equal(1, info.Size);
        Assert.True(info.DependsOnTime);
        h.Recorder.Changes.Clear();

        var v2 = await h.Insights.DefineSegmentAsync(SegmentDefinition.Parse("phone-fans", 2, "count(purchase, 30d) >= 1"));
        Assert.Equal(2, v2.Size);
        var change = Assert.Single(h.Recorder.Changes);
        Assert.Equal(await h.Graph.ResolveAsync(Identity.Phone("+8613800000002")), change.CustomerId);
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Insights.DefineSegmentAsync(SegmentDefinition.Parse("phone-fans", 2, "points > 1")));
        Assert.Equal(1, await h.Insights.CountAsync(SegmentText.Parse("sum(purchase.amount) >= 200")));
    }

    [Fact]
    public async Task Merge_MovesMembershipToTheSurvivor()
    {
        await using var h = new InsightsHarness(o => o.Segments.Add(SegmentDefinition.Parse("buyers", 1, "orders >= 1")));
        await h.Graph.IngestBatchAsync([Purchase("a", 1, Now.AddDays(-2), 10), Purchase("b", 2, Now.AddDays(-1), 10)]);
        Assert.Equal(2, (await h.Insights.GetSegmentsAsync()).Single(s => s.Name == "buyers").Size);

        // One event shows both phones together: the customers merge.
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "link",
            Channel = EventChannel.Web,
            Type = EventType.PageView,
            OccurredAt = Now,
            Identities = [Identity.Phone("+8613800000001"), Identity.Phone("+8613800000002")],
        });
        Assert.Equal(1, (await h.Insights.GetSegmentsAsync()).Single(s => s.Name == "buyers").Size);
        Assert.Contains(h.Recorder.Changes, c => c is { Segment: "buyers", Entered: false, Reason: null });
    }

    [Fact]
    public void BadOptions_FailAtStart_NamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddInsights(o => o.Loyalty.Tiers.Levels.Add(new TierLevel("", 0)));
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICustomerInsights>());
        Assert.Contains("Tiers.Levels[0].Name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PopulationModels_RfmAndLifetime_AreFittedAndUsableInSegments()
    {
        await using var h = new InsightsHarness(o => o.Segments.Add(SegmentDefinition.Parse("likely-back", 1, "p-alive >= 0.5 and clv > 0 and rfm exists")));
        var random = new Random(7);
        var events = new List<CustomerEvent>();
        for (var c = 1; c <= 40; c++)
        {
            var purchases = 1 + random.Next(5);
            for (var k = 0; k < purchases; k++)
            {
                events.Add(Purchase($"c{c}-{k}", c, Now.AddDays(-random.Next(1, 300)), 50 + random.Next(500)));
            }
        }

        await h.Graph.IngestBatchAsync(events);
        var insight = (await h.Graph.FindAsync(Identity.Phone("+8613800000001")))!.Insight!;
        Assert.NotNull(insight.Rfm);
        Assert.NotNull(insight.Lifetime);
        Assert.InRange(insight.Lifetime!.ProbabilityAlive, 0, 1);
        Assert.True(insight.Lifetime.Value > 0);
        var size = (await h.Insights.GetSegmentsAsync()).Single(s => s.Name == "likely-back").Size;
        Assert.InRange(size, 1, 40);
        Assert.Equal(size, await h.Insights.CountAsync(SegmentText.Parse("p-alive >= 0.5 and clv > 0 and rfm exists")));
    }
}
