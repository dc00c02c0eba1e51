using System.Globalization;
using Ecrm.Scoring;

namespace Ecrm.SampleHost.Rendering;

/// <summary>The demo's scoring lines: the RFM group distribution and the top influencers.</summary>
internal static class ScoreSummary
{
    public static async Task WriteAsync(TextWriter o, ICustomerGraph graph, DateTimeOffset referenceDate, CancellationToken cancellationToken)
    {
        var rfm = await graph.Store.ScoreRfmAsync(referenceDate, "CNY", cancellationToken);
        var groups = rfm.GroupBy(s => s.Group).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{RfmScorer.NameOf(g.Key)} {g.Count():N0}"));
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"RFM groups of {rfm.Count:N0} buyers at {referenceDate:yyyy-MM-dd}: {string.Join(", ", groups)}."));

        var influence = (await graph.Store.BuildInfluenceGraphAsync(cancellationToken)).Compute(cancellationToken: cancellationToken);
        await o.WriteLineAsync("Top influencers (PageRank over reposts, mentions, replies and referrals, blended with followers):");
        var rank = 0;
        foreach (var (id, score, pageRank) in influence.Top(5))
        {
            var c = await graph.GetAsync(id, cancellationToken);
            var name = c?.Profile.Traits.TryGetValue("name", out var n) == true ? n.Value : "(no name)";
            var followers = c?.Profile.Traits.Where(t => t.Key.StartsWith("follower-count.", StringComparison.Ordinal)).Select(t => long.Parse(t.Value.Value, CultureInfo.InvariantCulture)).DefaultIfEmpty().Max() ?? 0;
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {++rank}. {name} ({id}): influence {score:F1}, {followers:N0} followers, PageRank {pageRank:E2}"));
        }
    }
}
