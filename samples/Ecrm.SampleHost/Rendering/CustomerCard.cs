using System.Globalization;

namespace Ecrm.SampleHost.Rendering;

/// <summary>Writes a customer 360 as a compact text card.</summary>
internal static class CustomerCard
{
    public static void Write(TextWriter o, string title, Customer360 c)
    {
        var p = c.Profile;
        string T(string name) => p.Traits.TryGetValue(name, out var t) ? t.Value : "?";
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine($"┌─ {title}: {p.Id} ({(p.IsProspect ? "prospect" : "customer")})");
        o.WriteLine($"│ {T("name")} · {T("gender")} · born {T("birth-date")} · {T("city")} ({T("region")}) · {T("language")}");
        o.WriteLine($"│ Identities: {string.Join(", ", p.Identities.Select(i => i.Identity.ToString()))}");
        o.WriteLine($"│ Channels: {string.Join(", ", p.Channels.Select(ch => $"{ch.Channel} ({ch.EventCount})"))}; first seen {p.FirstSeenAt:yyyy-MM-dd}, last seen {p.LastSeenAt:yyyy-MM-dd}");
        var money = p.Counters.Money.Count == 0 ? "no spend" : string.Join(", ", p.Counters.Money.Select(m => string.Create(ci, $"{m.Currency} {m.Purchased:N2} spent, {m.Refunded:N2} refunded")));
        o.WriteLine(string.Create(ci, $"│ Orders {p.Counters.Orders} · {money} · comments {p.Counters.Count(EventType.Comment)} · reposts {p.Counters.Count(EventType.Repost)} · reviews {p.Counters.Count(EventType.Review)}"));
        if (p.Traits.TryGetValue("follower-count.weibo", out var followers))
        {
            o.WriteLine($"│ Weibo followers: {followers.Value}");
        }

        foreach (var e in c.Timeline.Events.Take(4))
        {
            var detail = e.Properties?.Amount is { } amount ? string.Create(ci, $" {amount:N2} {e.Properties.Currency ?? "CNY"}")
                : e.Properties?.Text is { } text ? $" “{(text.Length > 30 ? text[..30] + "…" : text)}”" : string.Empty;
            o.WriteLine($"│ {e.OccurredAt:yyyy-MM-dd HH:mm} {e.Channel} {e.Type}{detail}");
        }

        if (c.Related.Count > 0)
        {
            o.WriteLine($"│ Related: {string.Join(", ", c.Related.Take(3).Select(r => $"{r.Kind} {r.OtherCustomerId} ×{r.Count} ({r.Direction})"))}");
        }

        o.WriteLine($"│ Merges: {c.Merges.Count} · identity conflicts: {c.Conflicts.Count}");
        o.WriteLine("└─");
        o.WriteLine();
    }
}
