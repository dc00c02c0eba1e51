namespace Ecrm.Listening;

/// <summary>Builds reach and severity as <see cref="AlertSeverityOptions"/> documents.</summary>
internal static class SeverityCalculator
{
    public static AlertReach Reach(AlertSeverityOptions options, long followers, Customer360? customer, string[] tierLadder)
    {
        var insight = customer?.Insight;
        var influence = Math.Clamp(insight?.Influence ?? 0, 0, 100);
        var tier = insight?.Tier;
        var tierRank = tier is null || tierLadder.Length == 0 ? 0 : (Array.IndexOf(tierLadder, tier) + 1) / (double)tierLadder.Length;
        var spend = customer?.Profile.Counters.Money.Select(m => m.Net).DefaultIfEmpty(0).Max() ?? 0;
        var lifetime = (decimal)(insight?.Lifetime?.Value ?? 0);
        var value = Math.Max(Math.Max(spend, lifetime), 0);
        var score = (options.FollowersWeight * LogShare(Math.Max(followers, 0), options.FollowersForFullReach))
            + (options.InfluenceWeight * influence / 100)
            + (options.TierWeight * Math.Max(tierRank, 0))
            + (options.ValueWeight * LogShare((double)value, (double)options.ValueForFull));
        return new AlertReach(Math.Max(followers, 0), influence, tier, Math.Max(tierRank, 0), value, Math.Clamp(score, 0, 1));
    }

    public static double Severity(AlertSeverityOptions options, double sentiment, AlertReach reach, int occurrences)
    {
        var negativity = Math.Clamp(-sentiment, 0, 1);
        var severity = 100 * negativity * (options.BaseShare + ((1 - options.BaseShare) * reach.Score));
        severity += options.RepeatBonus * Math.Min(Math.Max(occurrences - 1, 0), 5);
        return Math.Round(Math.Min(severity, 100), 1);
    }

    public static AlertLevel Level(AlertSeverityOptions options, double severity) =>
        severity >= options.Critical ? AlertLevel.Critical
        : severity >= options.High ? AlertLevel.High
        : severity >= options.Medium ? AlertLevel.Medium
        : AlertLevel.Low;

    private static double LogShare(double value, double full) => Math.Clamp(Math.Log10(1 + value) / Math.Log10(1 + full), 0, 1);
}
