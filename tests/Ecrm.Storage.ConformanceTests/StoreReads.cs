using System.Text;
using System.Text.Json;
using Ecrm.Serialization;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>
/// A canonical text of what a store's reads answer for given customer ids and identities, through the reads alone
/// (no scan): every 360 in full (JSON), every timeline page by page, every resolution and the statistics. Two stores
/// that answer the same text answer every read the same.
/// </summary>
public static class StoreReads
{
    /// <summary>The ids a store knows: every live customer's, and every id merged into one (through a scan).</summary>
    public static async Task<List<string>> KnownIdsAsync(CustomerStore store)
    {
        var ids = new List<string>();
        await foreach (var p in store.ScanCustomersAsync())
        {
            ids.Add(p.Id);
            ids.AddRange(p.MergedIds);
        }

        ids.Add("cus_unknown");
        return ids;
    }

    public static async Task<string> CaptureAsync(CustomerStore store, IEnumerable<string> customerIds, IEnumerable<Identity> identities)
    {
        var sb = new StringBuilder();
        foreach (var id in customerIds)
        {
            sb.Append("id ").Append(id).Append(" -> ").Append(await store.ResolveIdAsync(id)).AppendLine();
            var c360 = await store.GetCustomer360Async(id, 3);
            sb.AppendLine(c360 is null ? "  none" : JsonSerializer.Serialize(c360, EcrmJsonContext.Default.Customer360));
            string? cursor = null;
            do
            {
                var page = await store.GetTimelineAsync(id, new TimelineQuery { Limit = 2, Cursor = cursor });
                if (page is null)
                {
                    break;
                }

                sb.Append("  page ").AppendJoin(',', page.Events.Select(e => e.Id)).AppendLine();
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            sb.Append("  merges ").AppendJoin(',', (await store.GetMergesAsync(id)).Select(m => m.Id)).AppendLine();
            sb.Append("  conflicts ").AppendJoin(',', (await store.GetConflictsAsync(id)).Select(c => c.Id)).AppendLine();
            sb.Append("  relations ").AppendJoin(',', await store.GetRelationsAsync(id)).AppendLine();
            sb.Append("  profile ").Append((await store.GetProfileAsync(id))?.Id).AppendLine();
        }

        foreach (var identity in identities)
        {
            sb.Append("identity ").Append(identity).Append(" -> ").Append(await store.ResolveAsync(identity)).AppendLine();
        }

        sb.Append(await store.GetStatisticsAsync()).AppendLine();
        return sb.ToString();
    }
}
