namespace Ecrm.Listening;

/// <summary>Hourly tallies per key (an aspect, a brand): mentions, positives, negatives and the sentiment sum.</summary>
internal sealed class TimeBuckets
{
    private readonly Dictionary<string, SortedDictionary<long, Tally>> _byKey = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => _byKey.Keys;

    public void Add(string key, DateTimeOffset at, double sentiment)
    {
        if (!_byKey.TryGetValue(key, out var buckets))
        {
            _byKey[key] = buckets = [];
        }

        var hour = at.UtcTicks / TimeSpan.TicksPerHour;
        var t = buckets.GetValueOrDefault(hour);
        buckets[hour] = new Tally(t.Mentions + 1, t.Positive + (sentiment > 0 ? 1 : 0), t.Negative + (sentiment < 0 ? 1 : 0), t.Sum + sentiment);
    }

    /// <summary>The tally of a key over [from, to).</summary>
    public Tally Sum(string key, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_byKey.TryGetValue(key, out var buckets))
        {
            return default;
        }

        long lo = from.UtcTicks / TimeSpan.TicksPerHour, hi = to.UtcTicks / TimeSpan.TicksPerHour;
        var total = default(Tally);
        foreach (var (hour, t) in buckets)
        {
            if (hour >= lo && hour < hi)
            {
                total = new Tally(total.Mentions + t.Mentions, total.Positive + t.Positive, total.Negative + t.Negative, total.Sum + t.Sum);
            }
        }

        return total;
    }

    internal readonly record struct Tally(int Mentions, int Positive, int Negative, double Sum)
    {
        public double Average => Mentions == 0 ? 0 : Sum / Mentions;
    }
}
