namespace Ecrm.Scoring;

/// <summary>Builds <see cref="PurchaseSummary"/> values from purchases, the way the lifetime-value literature does.</summary>
public static class PurchaseSummaries
{
    /// <summary>
    /// Summarises each customer's purchases up to the end of a calibration period: several purchases on one day count
    /// as one transaction (their amounts add up); the first day is the customer's start and is not counted as a repeat;
    /// times are in periods of <paramref name="daysPerPeriod"/> days (7 = weeks). Purchases after the calibration end
    /// are ignored, and so are customers whose first purchase is after it.
    /// </summary>
    /// <param name="purchases">The purchases, in any order.</param>
    /// <param name="calibrationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="daysPerPeriod">The length of one model time unit in days.</param>
    /// <returns>The summaries by customer id.</returns>
    public static IReadOnlyDictionary<string, PurchaseSummary> Summarize(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, double daysPerPeriod = 7)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (!(daysPerPeriod > 0) || !double.IsFinite(daysPerPeriod))
        {
            throw new EcrmException($"daysPerPeriod: expected a positive number of days, received {daysPerPeriod}.");
        }

        var days = new Dictionary<string, SortedDictionary<DateOnly, decimal>>(StringComparer.Ordinal);
        foreach (var p in purchases)
        {
            if (p.Date > calibrationEnd)
            {
                continue;
            }

            if (!days.TryGetValue(p.CustomerId, out var byDay))
            {
                days[p.CustomerId] = byDay = [];
            }

            byDay[p.Date] = byDay.GetValueOrDefault(p.Date) + p.Amount;
        }

        var result = new Dictionary<string, PurchaseSummary>(days.Count, StringComparer.Ordinal);
        foreach (var (customer, byDay) in days)
        {
            result[customer] = SummaryOf(byDay.Keys.First(), byDay.Keys.Last(), byDay.Count - 1, byDay.Skip(1).Sum(kv => kv.Value), calibrationEnd, daysPerPeriod);
        }

        return result;
    }

    /// <summary>
    /// One customer's summary as <see cref="Summarize"/> gives it, in one pass over purchases in date order (a store's
    /// history is): false when a purchase is earlier than the one before it, and the caller summarises them in general.
    /// </summary>
    /// <param name="purchases">One customer's purchases.</param>
    /// <param name="calibrationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="summary">The summary; null when no purchase is on or before <paramref name="calibrationEnd"/>.</param>
    /// <param name="daysPerPeriod">The length of one model time unit in days, as for <see cref="Summarize"/>.</param>
    internal static bool TrySummarizeInDateOrder(IEnumerable<Purchase> purchases, DateOnly calibrationEnd, out PurchaseSummary? summary, double daysPerPeriod = 7)
    {
        summary = null;
        DateOnly first = default, day = default;
        var days = 0;
        decimal dayTotal = 0, repeatValue = 0;
        foreach (var p in purchases)
        {
            if (p.Date > calibrationEnd)
            {
                continue;
            }

            if (days > 0 && p.Date < day)
            {
                return false;
            }

            if (days == 0 || p.Date != day)
            {
                if (days > 1)
                {
                    repeatValue += dayTotal; // the day just finished was a repeat
                }

                if (days == 0)
                {
                    first = p.Date;
                }

                (day, dayTotal) = (p.Date, 0);
                days++;
            }

            dayTotal += p.Amount;
        }

        if (days == 0)
        {
            return true;
        }

        if (days > 1)
        {
            repeatValue += dayTotal;
        }

        summary = SummaryOf(first, day, days - 1, repeatValue, calibrationEnd, daysPerPeriod);
        return true;
    }

    private static PurchaseSummary SummaryOf(DateOnly first, DateOnly last, int x, decimal repeatValue, DateOnly calibrationEnd, double daysPerPeriod)
        => new(
            x,
            (last.DayNumber - first.DayNumber) / daysPerPeriod,
            (calibrationEnd.DayNumber - first.DayNumber) / daysPerPeriod,
            x == 0 ? 0 : (double)(repeatValue / x));
}
