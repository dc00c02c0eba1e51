using Ecrm.Storage;

namespace Ecrm.Insights;

/// <summary>Reads a customer's whole history from a store, page by page.</summary>
internal static class StoreEvents
{
    /// <summary>Every event of a customer, oldest first; empty for an unknown customer.</summary>
    public static async Task<List<CustomerEvent>> ReadAllAsync(this CustomerStore store, string customerId, CancellationToken cancellationToken)
    {
        var events = new List<CustomerEvent>();
        string? cursor = null;
        do
        {
            var page = await store.GetTimelineAsync(customerId, new TimelineQuery { Limit = 1000, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            events.AddRange(page.Events);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        events.Reverse(); // pages come newest first
        return events;
    }
}
