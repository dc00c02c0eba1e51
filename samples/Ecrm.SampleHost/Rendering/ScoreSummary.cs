using System.Globalization;
using Ecrm.Insights;
using Ecrm.Scoring;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Rendering;

/// <summary>The demo's scoring lines: the RFM group distribution and the top influencers.</summary>
internal static class ScoreSummary
{
    public static async Task WriteAsync(TextWriter o, IServiceProvider services, ICustomerGraph graph, DateTimeOffset referenceDate, CancellationToken cancellationToken)
    {
        var rfm = await services.GetRequiredService<CustomerStore>().ScoreRfmAsync(referenceDate, "CNY", cancellationToken);
        var groups = rfm.GroupBy(s => s.Group).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{RfmScorer.NameOf(g.Key)} {g.Count():N0}"));
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"RFM groups of {rfm.Count:N0} buyers at {referenceDate:yyyy-MM-dd}: {string.Join(", ", groups)}."));

        var insights = services.GetRequiredService<ICustomerInsights>();
        await insights.RefreshAsync(cancellationToken); // RFM cut points and influence need the whole population
        await o.WriteLineAsync("Segments (sizes kept current as events arrived):");
        foreach (var s in (await insights.GetSegmentsAsync(cancellationToken)).OrderByDescending(s => s.Size))
        {
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {s.Name,-20} {s.Size,7:N0}  {s.Rule}"));
        }

        var tiers = await insights.GetTierDistributionAsync(cancellationToken);
        await o.WriteLineAsync("Tiers: " + string.Join(", ", tiers.OrderByDescending(t => t.Value).Select(t => string.Create(CultureInfo.InvariantCulture, $"{(t.Key.Length == 0 ? "(none)" : t.Key)} {t.Value:N0}"))) + ".");
        await o.WriteLineAsync("Top influencers (PageRank over reposts, mentions, replies and referrals, blended with followers):");
        var rank = 0;
        foreach (var (id, score) in await insights.GetTopInfluencersAsync(5, cancellationToken))
        {
            var c = await graph.GetAsync(id, cancellationToken);
            var name = c?.Profile.Traits.TryGetValue("name", out var n) == true ? n.Value : "(no name)";
            var followers = c?.Profile.Traits.Where(t => t.Key.StartsWith("follower-count.", StringComparison.Ordinal)).Select(t => long.Parse(t.Value.Value, CultureInfo.InvariantCulture)).DefaultIfEmpty().Max() ?? 0;
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {++rank}. {name} ({id}): influence {score:F1}, {followers:N0} followers, points {c?.Insight?.Points ?? 0:N0}"));
        }
    }
}
