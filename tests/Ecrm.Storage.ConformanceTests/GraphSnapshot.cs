using System.Globalization;
using System.Text;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>
/// A canonical text of everything the graph holds that must not depend on arrival order: customers with their ids,
/// identities, traits, counters, channels, events, merges and conflicts. (Ids of transient customers that existed only
/// between arrivals are history, not state, and are left out.)
/// </summary>
public static class GraphSnapshot
{
    public static Task<string> CaptureAsync(GraphHarness harness) => CaptureAsync(harness.Graph, harness.Store);

    public static async Task<string> CaptureAsync(ICustomerGraph graph, CustomerStore store)
    {
        var sb = new StringBuilder();
        await foreach (var profile in store.ScanCustomersAsync())
        {
            var c360 = await graph.GetAsync(profile.Id) ?? throw new InvalidOperationException($"Scanned customer {profile.Id} cannot be read.");
            sb.Append("customer ").Append(profile.Id).AppendLine();
            foreach (var i in profile.Identities)
            {
                sb.Append("  id ").Append(i.Identity).Append(" first ").Append(i.FirstSeenAt.ToString("O", CultureInfo.InvariantCulture)).AppendLine();
            }

            foreach (var t in profile.Traits.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                sb.Append("  trait ").Append(t.Key).Append('=').Append(t.Value.Value).Append(" @").Append(t.Value.EventId).AppendLine();
            }

            foreach (var e in profile.Counters.Events.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                sb.Append("  count ").Append(e.Key).Append('=').Append(e.Value).AppendLine();
            }

            foreach (var m in profile.Counters.Money)
            {
                sb.Append("  money ").Append(m.Currency).Append(' ').Append(m.Purchased).Append('/').Append(m.Refunded).AppendLine();
            }

            foreach (var ch in profile.Channels)
            {
                sb.Append("  channel ").Append(ch).AppendLine();
            }

            sb.Append("  seen ").Append(profile.FirstSeenAt.ToString("O", CultureInfo.InvariantCulture)).Append(" .. ").Append(profile.LastSeenAt.ToString("O", CultureInfo.InvariantCulture)).AppendLine();
            var events = new List<string>();
            string? cursor = null;
            do
            {
                var page = await graph.GetTimelineAsync(profile.Id, new TimelineQuery { Limit = 7, Cursor = cursor });
                events.AddRange(page.Events.Select(e => e.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            sb.Append("  events ").AppendJoin(',', events).AppendLine();
            foreach (var m in c360.Merges)
            {
                sb.Append("  merge ").Append(m).AppendLine();
            }

            foreach (var x in c360.Conflicts)
            {
                sb.Append("  conflict ").Append(x).AppendLine();
            }

            foreach (var r in c360.Related)
            {
                sb.Append("  related ").Append(r).AppendLine();
            }
        }

        var stats = await graph.GetStatisticsAsync();
        sb.Append(stats).AppendLine();
        return sb.ToString();
    }
}
