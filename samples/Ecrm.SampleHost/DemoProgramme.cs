using Ecrm.Insights;
using Ecrm.Listening;
using Ecrm.Loyalty;
using Ecrm.Segments;

namespace Ecrm.SampleHost;

/// <summary>The sample host's loyalty programme and segments: what a small consumer-electronics brand might set up.</summary>
internal static class DemoProgramme
{
    public static void Configure(InsightsOptions o)
    {
        o.Loyalty.Rules.Add(new LoyaltyRule { Name = "welcome", EventType = EventType.Follow, Points = 100, MaxPerLifetime = 1 });
        o.Loyalty.Rules.Add(new LoyaltyRule { Name = "repost", EventType = EventType.Repost, Points = 5, MaxPerDay = 3 });
        o.Loyalty.Rules.Add(new LoyaltyRule { Name = "comment", EventType = EventType.Comment, Points = 2, MaxPerDay = 3 });
        o.Loyalty.Rules.Add(new LoyaltyRule { Name = "review", EventType = EventType.Review, Points = 20 });
        o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
        o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
        o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 3000));
        o.Loyalty.Tiers.Levels.Add(new TierLevel("platinum", 10000));

        o.Segments.Add(SegmentDefinition.Parse("vip", 1, "tier in (\"gold\", \"platinum\")", "gold and platinum members"));
        o.Segments.Add(SegmentDefinition.Parse("phone-buyers", 1, "count(purchase, 180d, category = \"手机\") >= 1", "bought a phone in the last six months"));
        o.Segments.Add(SegmentDefinition.Parse("accessory-prospects", 1, "count(purchase, 180d, category = \"手机\") >= 1 and count(purchase, 180d, category = \"手机配件\") = 0", "phone buyers without a case or charger yet"));
        o.Segments.Add(SegmentDefinition.Parse("weibo-voices", 1, "max(repost.follower-count) >= 10000 or max(comment.follower-count) >= 10000", "fans whose reposts and comments travel far"));
        o.Segments.Add(SegmentDefinition.Parse("engaged-fans", 1, "engagement >= 10", "recently and often active on any channel"));
        o.Segments.Add(SegmentDefinition.Parse("lapsed-buyers", 1, "orders >= 1 and recency > 90", "bought before, but not for three months"));
        o.Segments.Add(SegmentDefinition.Parse("points-rich", 1, "points >= 2000", "enough points for a gift"));
    }

    /// <summary>Listening for the demo brand 青禾 (Qinghe) against 云杉 (Yunshan) and 北辰 (Beichen).</summary>
    public static void ConfigureListening(ListeningOptions o)
    {
        o.OwnBrand = new BrandDefinition("青禾", ["Qinghe"], [new ProductDefinition("青禾耳机", ["Qinghe earbuds", "Qinghe Buds"])]);
        o.Competitors.Add(new BrandDefinition("云杉", ["Yunshan"]));
        o.Competitors.Add(new BrandDefinition("北辰", ["Beichen"]));
    }
}
