namespace Ecrm.Scoring;

/// <summary>
/// RFM quintile cut points fitted on a population, so that one customer can be scored later (in real time) exactly as
/// the population was: a measure's score is 1 + the number of cut points it exceeds, where the k-th cut point is the
/// largest value of the lowest k fifths. Equal values share a score (the lower one).
/// </summary>
public sealed class RfmModel
{
    private readonly double[] _recency;
    private readonly double[] _frequency;
    private readonly double[] _monetary;

    private RfmModel(double[] recency, double[] frequency, double[] monetary, int customers)
    {
        _recency = recency;
        _frequency = frequency;
        _monetary = monetary;
        Customers = customers;
    }

    /// <summary>Gets the cut points of recency (UTC ticks of the last purchase), frequency and monetary value, in that order.</summary>
    internal (double[] Recency, double[] Frequency, double[] Monetary) CutPoints => (_recency, _frequency, _monetary);

    /// <summary>Gets how many customers (with orders) the cut points come from.</summary>
    public int Customers { get; }

    /// <summary>Fits cut points on the customers with orders.</summary>
    /// <param name="customers">The population.</param>
    /// <returns>The model.</returns>
    public static RfmModel Fit(IEnumerable<RfmInput> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var list = customers.Where(c => c.Orders > 0).ToArray();
        return new RfmModel(
            Cuts(list.Select(c => (double)c.LastPurchaseAt.UtcTicks)),
            Cuts(list.Select(c => (double)c.Orders)),
            Cuts(list.Select(c => (double)c.Spend)),
            list.Length);
    }

    /// <summary>Restores a model from its cut points (as <see cref="CutPoints"/> gave them).</summary>
    internal static RfmModel FromCutPoints(double[] recency, double[] frequency, double[] monetary, int customers)
        => new(recency, frequency, monetary, customers);

    /// <summary>Scores one customer against the cut points.</summary>
    /// <param name="customer">The customer (with orders).</param>
    /// <returns>The score, or null for a customer without orders or an empty population.</returns>
    public RfmScore? Score(RfmInput customer)
    {
        if (customer.Orders <= 0 || Customers == 0)
        {
            return null;
        }

        var r = Rank(_recency, customer.LastPurchaseAt.UtcTicks);
        var f = Rank(_frequency, customer.Orders);
        var m = Rank(_monetary, (double)customer.Spend);
        return new RfmScore(customer.CustomerId, r, f, m, RfmScorer.GroupOf(r, f, m));
    }

    private static int Rank(double[] cuts, double value)
    {
        var score = 1;
        foreach (var c in cuts)
        {
            if (value > c)
            {
                score++;
            }
        }

        return score;
    }

    private static double[] Cuts(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return [];
        }

        var cuts = new double[4];
        for (var k = 1; k <= 4; k++)
        {
            cuts[k - 1] = sorted[Math.Clamp((int)Math.Ceiling(k * n / 5.0) - 1, 0, n - 1)];
        }

        return cuts;
    }
}
