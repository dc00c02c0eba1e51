using static Ecrm.Internal.Numerics.SpecialFunctions;

namespace Ecrm.Scoring;

/// <summary>
/// The BG/NBD model of repeat purchases (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while
/// active a customer buys as a Poisson process with rate λ ~ Gamma(r, α), and after each purchase drops out with
/// probability p ~ Beta(a, b).
/// </summary>
/// <param name="R">The shape r of the purchase-rate distribution.</param>
/// <param name="Alpha">The scale α of the purchase-rate distribution.</param>
/// <param name="A">The a of the drop-out probability distribution.</param>
/// <param name="B">The b of the drop-out probability distribution.</param>
/// <param name="LogLikelihood">The log-likelihood of the calibration data at these parameters (NaN when not fitted).</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, double LogLikelihood = double.NaN) : IRepeatPurchaseModel
{
    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted model with its log-likelihood.</returns>
    /// <exception cref="ModelFitException">The likelihood has no finite optimum for these data.</exception>
    public static BgNbdModel Fit(IEnumerable<PurchaseSummary> summaries, CancellationToken cancellationToken = default)
    {
        var groups = SummaryGroups.From(summaries);
        var p = MaximumLikelihood.Fit("BG/NBD", 4, groups.Customers, x => LogLikelihoodOf(groups, x[0], x[1], x[2], x[3]), cancellationToken);
        var fitted = new BgNbdModel(p[0], p[1], p[2], p[3]);
        return fitted with { LogLikelihood = fitted.LogLikelihoodOf(groups) };
    }

    /// <summary>The log-likelihood of some data at this model's parameters.</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <returns>The sum of the customers' log-likelihoods.</returns>
    public double LogLikelihoodOf(IEnumerable<PurchaseSummary> summaries) => LogLikelihoodOf(SummaryGroups.From(summaries));

    private double LogLikelihoodOf(SummaryGroups groups) => LogLikelihoodOf(groups, R, Alpha, A, B);

    /// <inheritdoc />
    public double ExpectedPurchases(double t)
    {
        var z = t / (Alpha + t);
        return (A + B - 1) / (A - 1) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * Hypergeometric2F1(R, B, A + B - 1, z)));
    }

    /// <inheritdoc />
    public double ConditionalExpectedPurchases(double t, PurchaseSummary history)
    {
        var (x, tx, age) = (history.Frequency, history.Recency, history.Age);
        var z = t / (Alpha + age + t);
        var hyp = Hypergeometric2F1(R + x, B + x, A + B + x - 1, z);
        var numerator = (A + B + x - 1) / (A - 1) * (1 - (Math.Pow((Alpha + age) / (Alpha + age + t), R + x) * hyp));
        return numerator / (1 + DropOutOdds(x, tx, age));
    }

    /// <inheritdoc />
    public double ProbabilityAlive(PurchaseSummary history)
        => 1 / (1 + DropOutOdds(history.Frequency, history.Recency, history.Age));

    /// <summary>The probability that a new customer makes exactly <paramref name="n"/> purchases in a period of length <paramref name="t"/>.</summary>
    /// <param name="t">The length of the period.</param>
    /// <param name="n">The number of purchases.</param>
    /// <returns>P(X(t) = n).</returns>
    public double ProbabilityOfPurchases(double t, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var logBetaAB = LogBeta(A, B);
        var w = Alpha / (Alpha + t);
        var v = t / (Alpha + t);
        var first = Math.Exp(LogBeta(A, B + n) - logBetaAB + LogGamma(R + n) - LogGamma(R) - LogGamma(n + 1) + (R * Math.Log(w)) + (n * Math.Log(v)));
        if (n == 0)
        {
            return first;
        }

        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            sum += Math.Exp(LogGamma(R + j) - LogGamma(R) - LogGamma(j + 1) + (j * Math.Log(v)));
        }

        return first + (Math.Exp(LogBeta(A + 1, B + n - 1) - logBetaAB) * (1 - (Math.Pow(w, R) * sum)));
    }

    private double DropOutOdds(int x, double tx, double age)
        => x == 0 ? 0 : A / (B + x - 1) * Math.Pow((Alpha + age) / (Alpha + tx), R + x);

    private static double LogLikelihoodOf(SummaryGroups g, double r, double alpha, double a, double b)
    {
        // Terms that depend on x only are computed once per distinct x.
        var maxX = g.DistinctFrequencies.Max();
        Span<double> byX = maxX < 512 ? stackalloc double[maxX + 1] : new double[maxX + 1];
        var logR = LogGamma(r);
        var logBeta = LogBeta(a, b);
        foreach (var x in g.DistinctFrequencies)
        {
            byX[x] = LogGamma(r + x) - logR + LogBeta(a, b + x) - logBeta;
        }

        var logAlpha = Math.Log(alpha);
        var logA = Math.Log(a);
        var total = 0.0;
        for (var i = 0; i < g.Length; i++)
        {
            var x = g.Frequency[i];
            var a3 = -(r + x) * Math.Log(alpha + g.Age[i]);
            var ll = byX[x] + (r * logAlpha) + a3;
            if (x > 0)
            {
                var a4 = logA - Math.Log(b + x - 1) - ((r + x) * Math.Log(alpha + g.Recency[i]));
                ll += LogOnePlusExp(a4 - a3);
            }

            total += g.Count[i] * ll;
        }

        return total;
    }
}
