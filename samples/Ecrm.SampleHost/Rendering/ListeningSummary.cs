using System.Globalization;
using Ecrm.Listening;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Rendering;

/// <summary>The demo's listening lines: alerts by level, the top alerts, surges, complaint topics, brand share, requests.</summary>
internal static class ListeningSummary
{
    public static async Task WriteAsync(TextWriter o, IServiceProvider services, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var listening = services.GetRequiredService<IListening>();
        var alerts = await listening.GetAlertsAsync(cancellationToken: cancellationToken);
        var levels = string.Join(", ", Enum.GetValues<AlertLevel>().Reverse().Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.ToString().ToLowerInvariant()} {alerts.Count(a => a.Level == l):N0}")));
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Alerts: {alerts.Count:N0} raised by negative comments, reviews and mentions ({levels})."));
        var rank = 0;
        foreach (var alert in alerts.Take(5))
        {
            var name = alert.Customer?.Profile.Traits.TryGetValue("name", out var n) == true ? n.Value : "(no name)";
            var tier = alert.Reach.Tier is null ? string.Empty : $", {alert.Reach.Tier}";
            var text = alert.Texts[^1].Text.ReplaceLineEndings(" ");
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {++rank}. {alert.Level.ToString().ToLowerInvariant()} {alert.Severity:F1}: {name} ({alert.CustomerId}) on {alert.Channel}, {alert.Reach.Followers:N0} followers{tier}, x{alert.Occurrences}: \"{(text.Length > 60 ? text[..60] + "…" : text)}\""));
        }

        var surges = await listening.GetSurgesAsync(cancellationToken);
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Surges: {surges.Count:N0}") + (surges.Count == 0 ? "." : ": " + string.Join("; ",
            surges.OrderByDescending(s => s.Count).Take(3).Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Scope} {s.WindowStart:yyyy-MM-dd HH:mm}-{s.WindowEnd:HH:mm} UTC, {s.Count:N0} negative texts against {s.Baseline:F1} per window"))) + "."));

        var topics = await listening.GetTopicTrendsAsync(TimeSpan.FromDays(30), asOf, cancellationToken);
        await o.WriteLineAsync("Top complaint topics (last 30 days, change against the 30 days before): " + string.Join(", ",
            topics.Where(t => t.Complaints > 0).Take(5).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Aspect} {t.Complaints:N0} (x{t.Change:F2})"))) + ".");

        var brands = await listening.GetBrandShareAsync(to: asOf.AddTicks(1), cancellationToken: cancellationToken);
        await o.WriteLineAsync("Brand share of mentions: " + string.Join(", ", brands.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{b.Brand}{(b.IsOwn ? " (own)" : string.Empty)} {b.Share * 100:F1}% (net sentiment {b.NetSentiment:+0.00;-0.00;0.00})"))) + ".");

        var requests = await listening.GetFeatureRequestsAsync(cancellationToken);
        await o.WriteLineAsync("Feature requests: " + string.Join(", ", requests.Take(3).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"\"{r.Representative}\" x{r.Count:N0} ({r.Customers:N0} customers)"))) + ".");
    }
}
