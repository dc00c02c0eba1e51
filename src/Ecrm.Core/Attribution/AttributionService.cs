using Ecrm.Insights;
using Ecrm.Storage;

namespace Ecrm.Attribution;

/// <summary>
/// Reads every customer's events from the store, oldest first: touches are kept, and each follow, first purchase and
/// purchase in the period shares one unit of credit (and its amount) among the customer's touches within the window
/// before it, by the query's model.
/// </summary>
internal sealed class AttributionService(CustomerStore store) : IAttribution
{
    private const string None = "(none)";

    public async ValueTask<AttributionReport> ReportAsync(AttributionQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new AttributionQuery();
        query.Validate();
        var campaigns = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var media = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var unattributed = new Tally();
        await foreach (var profile in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            var touches = new List<Touchpoint>();
            var bought = false;
            foreach (var e in await store.ReadAllAsync(profile.Id, cancellationToken).ConfigureAwait(false))
            {
                if (Touchpoint.Read(e) is { } touch)
                {
                    touches.Add(touch);
                    if (InPeriod(query, e.OccurredAt))
                    {
                        Get(campaigns, touch.Campaign).Touches++;
                        Get(media, touch.Medium).Touches++;
                    }
                }

                var isPurchase = e.Type == EventType.Purchase;
                var firstPurchase = isPurchase && !bought;
                bought |= isPurchase;
                if (!(isPurchase || e.Type == EventType.Follow) || !InPeriod(query, e.OccurredAt))
                {
                    continue;
                }

                var credits = Credit(query, touches, e.OccurredAt);
                var amount = isPurchase ? e.Properties?.Amount ?? 0m : 0m;
                if (credits.Count == 0)
                {
                    unattributed.Add(e.Type == EventType.Follow, firstPurchase, isPurchase, amount, 1.0);
                    continue;
                }

                foreach (var (credited, share) in credits)
                {
                    Get(campaigns, credited.Campaign).Add(e.Type == EventType.Follow, firstPurchase, isPurchase, amount, share);
                    Get(media, credited.Medium).Add(e.Type == EventType.Follow, firstPurchase, isPurchase, amount, share);
                }
            }
        }

        static List<AttributionRow> Rows(Dictionary<string, Tally> tallies) =>
            [.. tallies.Select(t => t.Value.Row(t.Key)).OrderByDescending(r => r.Revenue).ThenByDescending(r => r.Followers).ThenBy(r => r.Key, StringComparer.Ordinal)];
        return new AttributionReport(query, Rows(campaigns), Rows(media), unattributed.Row(None));
    }

    /// <summary>Each touch's share of one conversion's credit under the model (touches oldest first).</summary>
    internal static List<(Touchpoint Touch, double Share)> Credit(AttributionQuery query, List<Touchpoint> touches, DateTimeOffset at)
    {
        var window = touches.Where(t => t.At <= at && at - t.At <= query.Window).ToList();
        if (window.Count == 0)
        {
            return [];
        }

        switch (query.Model)
        {
            case AttributionModel.LastTouch:
                return [(window[^1], 1.0)];
            case AttributionModel.FirstTouch:
                return [(window[0], 1.0)];
            case AttributionModel.Linear:
                return [.. window.Select(t => (t, 1.0 / window.Count))];
            default:
                var weights = window.Select(t => Math.Pow(2, -(at - t.At).TotalSeconds / query.HalfLife.TotalSeconds)).ToList();
                var total = weights.Sum();
                return [.. window.Select((t, i) => (t, weights[i] / total))];
        }
    }

    private static bool InPeriod(AttributionQuery query, DateTimeOffset at) => (query.From is null || at >= query.From) && (query.To is null || at < query.To);

    private static Tally Get(Dictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }

        return tally;
    }

    private sealed class Tally
    {
        public int Touches { get; set; }

        private double Followers { get; set; }

        private double NewCustomers { get; set; }

        private double Orders { get; set; }

        private decimal Revenue { get; set; }

        public void Add(bool follow, bool firstPurchase, bool purchase, decimal amount, double share)
        {
            Followers += follow ? share : 0;
            NewCustomers += firstPurchase ? share : 0;
            Orders += purchase ? share : 0;
            Revenue += amount * (decimal)share;
        }

        public AttributionRow Row(string key) => new(key, Touches, Followers, NewCustomers, Orders, decimal.Round(Revenue, 2));
    }
}
