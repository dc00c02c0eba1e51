namespace Ecrm.Benchmarks;

/// <summary>Twenty segment rules of the kinds marketers write, for the real-time benchmarks.</summary>
internal static class TwentySegments
{
    public static readonly string[] Rules =
    [
        "tier in (\"gold\", \"platinum\") and count(purchase, 30d) >= 2 and city = \"上海\"", "points >= 1000", "tier = \"diamond\"",
        "city in (\"北京\", \"上海\")", "count(purchase, 7d) >= 1", "count(purchase, 90d) >= 4", "points < 100 and tier = \"silver\"",
        "name starts-with \"王\"", "gender = \"female\" and points > 500", "not city = \"上海\"", "orders >= 3", "spend > 1000",
        "tier != \"silver\" or points > 2000", "count(purchase, 30d) = 0", "city = \"杭州\" and orders >= 1", "points > 100 and points < 200",
        "name exists", "trait.vip exists", "language = \"zh-CN\"", "spend >= 5000 or orders >= 5",
    ];
}
