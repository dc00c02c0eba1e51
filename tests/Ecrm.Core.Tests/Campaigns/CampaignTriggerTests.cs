using Ecrm.Campaigns;
using static Ecrm.Core.Tests.Campaigns.CampaignHarness;

namespace Ecrm.Core.Tests.Campaigns;

public sealed class CampaignTriggerTests
{
    [Fact]
    public async Task SegmentEntered_SendsToEachNewMember_AtOnce()
    {
        await using var h = new CampaignHarness();
        await h.BuyerAsync(1); // a member before the campaign: not triggered
        await h.ConsentAsync(1, "email", given: true);
        h.Campaigns.Define(Campaign("welcome-buyer", EventChannel.Email) with { HoldOut = 0, Trigger = CampaignTrigger.SegmentEntered() });
        await h.ConsentAsync(2, "email", given: true);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.BuyerAsync(2); // an order with a phone and an e-mail address: enters "buyers"
        await h.Engine.WhenIdleAsync();
        var (message, _, _) = Assert.Single(h.Delivered);
        Assert.Equal($"welcome-buyer:{await h.Graph.ResolveAsync(Identity.Phone(Phone(2)))}", message.IdempotencyKey);
    }

    [Fact]
    public async Task TierReached_SendsOnTheUpgrade()
    {
        await using var h = new CampaignHarness();
        await h.BuyerAsync(1);
        await h.ConsentAsync(1, "sms", given: true);
        h.Campaigns.Define(Campaign("gold-welcome", EventChannel.Sms) with { Segment = null, HoldOut = 0, Trigger = CampaignTrigger.TierReached("gold") });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.BuyAgainAsync(1, h.Clock.GetUtcNow().AddSeconds(-1), amount: 500m); // 658 points: still silver
        await h.Engine.WhenIdleAsync();
        Assert.Empty(h.Delivered);
        await h.BuyAgainAsync(1, h.Clock.GetUtcNow(), amount: 600m); // 1,258 points: gold
        await h.Engine.WhenIdleAsync();
        Assert.Equal("SMS_100", Assert.Single(h.Delivered).Message.TemplateId);
    }

    [Fact]
    public async Task AlertResolved_SendsARecoveryMessage()
    {
        await using var h = new CampaignHarness();
        await h.BuyerAsync(1);
        await h.ConsentAsync(1, "email", given: true, purpose: "service");
        h.Campaigns.Define(Campaign("sorry-voucher", EventChannel.Email) with { Segment = null, HoldOut = 0, Purpose = Messaging.MessagePurpose.Service, Trigger = CampaignTrigger.AlertResolved() });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "alert-resolved-1",
            Channel = EventChannel.FromName("listening"),
            Type = EventType.FromName("alert-resolved"),
            OccurredAt = h.Clock.GetUtcNow(),
            Identities = [Identity.Phone(Phone(1))],
        });
        await h.Engine.WhenIdleAsync();
        Assert.Single(h.Delivered);
    }

    [Fact]
    public async Task Schedules_RunWhenDue()
    {
        await using var h = new CampaignHarness();
        await h.BuyerAsync(1);
        await h.ConsentAsync(1, "email", given: true);
        h.Campaigns.Define(Campaign("weekend", EventChannel.Email) with { HoldOut = 0, Trigger = CampaignTrigger.Scheduled(Afternoon.AddDays(1)) });
        Assert.Empty(await h.Campaigns.RunDueAsync());
        h.Clock.Advance(TimeSpan.FromDays(1));
        var run = Assert.Single(await h.Campaigns.RunDueAsync());
        Assert.Equal(1, run.Sent["email"]);
        Assert.Equal(0, Assert.Single(await h.Campaigns.RunDueAsync()).Sent.Values.Sum()); // due again, nobody new
    }

    [Fact]
    public void TriggeredCampaigns_MayOmitTheSegment_ScheduledOnesMayNot()
    {
        (Campaign() with { Segment = null, Trigger = CampaignTrigger.AlertResolved() }).Validate(); // does not throw
        Assert.Contains("Segment", Assert.Throws<EcrmException>(() => (Campaign() with { Segment = null }).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Tier", Assert.Throws<EcrmException>(() => (Campaign() with { Trigger = new CampaignTrigger { Kind = CampaignTriggerKind.TierReached } }).Validate()).Message, StringComparison.Ordinal);
    }
}
