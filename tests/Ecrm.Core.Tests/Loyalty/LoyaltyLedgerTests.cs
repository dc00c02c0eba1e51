using Ecrm.Loyalty;

namespace Ecrm.Core.Tests.Loyalty;

public sealed class LoyaltyLedgerTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); // 08:00 in China

    internal static LoyaltyOptions Programme()
    {
        var o = new LoyaltyOptions();
        o.Rules.Add(new LoyaltyRule { Name = "welcome", EventType = EventType.Follow, Points = 100, MaxPerLifetime = 1 });
        o.Rules.Add(new LoyaltyRule { Name = "repost", EventType = EventType.Repost, Points = 5, MaxPerDay = 3 });
        o.Rules.Add(new LoyaltyRule { Name = "comment", EventType = EventType.Comment, Points = 2 });
        o.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
        o.Rules.Add(new LoyaltyRule { Name = "review", EventType = EventType.Review, Points = 20 });
        o.Tiers.Levels.Add(new TierLevel("silver", 0));
        o.Tiers.Levels.Add(new TierLevel("gold", 1000));
        o.Tiers.Levels.Add(new TierLevel("platinum", 5000));
        o.Validate();
        return o;
    }

    internal static CustomerEvent E(string id, double hours, EventType type, decimal? amount = null, string? order = null, EventChannel? channel = null) => new()
    {
        Id = id,
        Channel = channel ?? EventChannel.Weibo,
        Type = type,
        OccurredAt = T0.AddHours(hours),
        Identities = [Identity.Phone("+8613800000001")],
        Properties = amount is null && order is null ? null : new EventProperties { Amount = amount, OrderId = order },
    };

    internal static CustomerEvent Redeem(string id, double hours, long points)
        => E(id, hours, LoyaltyOptions.RedemptionType, points, channel: LoyaltyOptions.RedemptionChannel);

    [Fact]
    public void Welcome_IsAwardedOnce_AndRepostsAreCappedPerDay()
    {
        var events = new List<CustomerEvent> { E("f1", 0, EventType.Follow), E("f2", 1, EventType.Follow) };
        events.AddRange(Enumerable.Range(0, 5).Select(i => E($"r{i}", 2 + i, EventType.Repost))); // five reposts on day 1
        events.Add(E("r9", 20, EventType.Repost)); // 20:00 UTC = 04:00 the next day in China: a new day
        var a = LoyaltyLedger.Compute(events, Programme(), T0.AddDays(2));
        Assert.Equal(100 + (3 * 5) + 5, a.Balance);
        Assert.Equal(["earn:welcome:f1", "earn:repost:r0", "earn:repost:r1", "earn:repost:r2", "earn:repost:r9"], a.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Spend_EarnsPerYuan_AndARefundReversesInProportion()
    {
        var a = LoyaltyLedger.Compute(
            [E("p1", 0, EventType.Purchase, 999.90m, "o1"), E("x1", 10, EventType.Refund, 500m, "o1")],
            Programme(),
            T0.AddDays(1));
        Assert.Equal(999 - 500, a.Balance); // ceiling(999 × 500 / 999.90) = 500
        var reversal = a.Entries[1];
        Assert.Equal(LedgerEntryKind.Reversed, reversal.Kind);
        Assert.Equal("reverse:x1:earn:spend:p1", reversal.Key);
    }

    [Fact]
    public void Points_ExpireOldestFirst_AfterAYear()
    {
        var a = LoyaltyLedger.Compute(
            [E("c1", 0, EventType.Comment), E("c2", 24 * 200, EventType.Comment), Redeem("d1", 24 * 300, 1)],
            Programme(),
            T0.AddDays(370));
        // The redemption took c1's points first; c1 expired with 1 left, c2 is still valid.
        Assert.Equal(2, a.Balance);
        var expired = Assert.Single(a.Entries, e => e.Kind == LedgerEntryKind.Expired);
        Assert.Equal(-1, expired.Points);
        Assert.Equal(T0.AddDays(365), expired.At);
        Assert.Equal(new PointsExpiry(2, T0.AddDays(565)), a.NextExpiry);
    }

    [Fact]
    public void ADebitLargerThanTheBalance_IsClamped_AndShowsTheShortfall()
    {
        // The refund is older than the redemption but arrives late: the redemption can then take only what is left.
        var a = LoyaltyLedger.Compute(
            [E("p1", 0, EventType.Purchase, 100m, "o1"), Redeem("d1", 10, 80), E("x1", 5, EventType.Refund, 100m, "o1")],
            Programme(),
            T0.AddDays(1));
        Assert.Equal(0, a.Balance);
        var redemption = Assert.Single(a.Entries, e => e.Kind == LedgerEntryKind.Redeemed);
        Assert.Equal(0, redemption.Points);
        Assert.Equal(-80, redemption.Requested);
    }

    [Fact]
    public void Tier_FollowsRollingSpend_WithUpgradeAndDowngradeDates()
    {
        var a = LoyaltyLedger.Compute(
            [E("p1", 0, EventType.Purchase, 600m, "o1"), E("p2", 24 * 30, EventType.Purchase, 600m, "o2")],
            Programme(),
            T0.AddDays(400));
        Assert.Equal(
            [(null, "silver", T0, true), ("silver", "gold", T0.AddDays(30), true), ("gold", "silver", T0.AddDays(365), false)],
            a.Tier.History.Select(h => (h.From, h.To, h.At, h.IsUpgrade)));
        Assert.Equal("silver", a.Tier.Current);
        Assert.Equal(0, a.Tier.Measure); // both purchases have left the 12-month window by day 400
    }

    [Theory]
    [InlineData("", "Name")]
    [InlineData("a:b", "Name")]
    public void Validate_NamesTheBadRule(string name, string expected)
    {
        var o = new LoyaltyOptions();
        o.Rules.Add(new LoyaltyRule { Name = name, EventType = EventType.Like, Points = 1 });
        Assert.Contains($"Rules[0].{expected}", Assert.Throws<EcrmException>(o.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsDescendingTiersAndZeroPointRules()
    {
        var o = new LoyaltyOptions();
        o.Tiers.Levels.Add(new TierLevel("gold", 1000));
        o.Tiers.Levels.Add(new TierLevel("silver", 0));
        Assert.Contains("Tiers.Levels[1].Threshold", Assert.Throws<EcrmException>(o.Validate).Message, StringComparison.Ordinal);
        o = new LoyaltyOptions();
        o.Rules.Add(new LoyaltyRule { Name = "nothing", EventType = EventType.Like });
        Assert.Contains("expected Points or PointsPerUnit above 0", Assert.Throws<EcrmException>(o.Validate).Message, StringComparison.Ordinal);
    }
}
