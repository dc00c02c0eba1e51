namespace Ecrm.Scoring;

/// <summary>
/// Summaries grouped by (x, t_x, T) with their counts, so that a likelihood is evaluated once per distinct history
/// rather than once per customer (on CDNOW, 2,357 customers make about 1,000 groups).
/// </summary>
internal sealed class SummaryGroups
{
    private SummaryGroups(int[] frequency, double[] recency, double[] age, double[] count, int[] distinctFrequencies, int customers)
    {
        Frequency = frequency;
        Recency = recency;
        Age = age;
        Count = count;
        DistinctFrequencies = distinctFrequencies;
        Customers = customers;
    }

    public int[] Frequency { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] Count { get; }

    /// <summary>The distinct values of x, for terms that depend on x only.</summary>
    public int[] DistinctFrequencies { get; }

    public int Customers { get; }

    public int Length => Frequency.Length;

    public static SummaryGroups From(IEnumerable<PurchaseSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var groups = new Dictionary<(int, double, double), int>();
        var customers = 0;
        foreach (var s in summaries)
        {
            s.Validate();
            var key = (s.Frequency, s.Recency, s.Age);
            groups[key] = groups.GetValueOrDefault(key) + 1;
            customers++;
        }

        if (customers == 0)
        {
            throw new EcrmException("summaries: expected at least one customer to fit a model to, received none.");
        }

        var ordered = groups.OrderBy(g => g.Key).ToArray();
        return new SummaryGroups(
            [.. ordered.Select(g => g.Key.Item1)],
            [.. ordered.Select(g => g.Key.Item2)],
            [.. ordered.Select(g => g.Key.Item3)],
            [.. ordered.Select(g => (double)g.Value)],
            [.. ordered.Select(g => g.Key.Item1).Distinct()],
            customers);
    }
}
