using static Ecrm.Internal.Numerics.SpecialFunctions;

namespace Ecrm.Scoring;

/// <summary>
/// The Pareto/NBD model of repeat purchases (Schmittlein, Morrison and Colombo 1987; likelihood as in Fader and Hardie,
/// "A note on deriving the Pareto/NBD model and related expressions", 2005): while active a customer buys as a Poisson
/// process with rate λ ~ Gamma(r, α) and leaves after an exponential lifetime with rate μ ~ Gamma(s, β).
/// </summary>
/// <param name="R">The shape r of the purchase-rate distribution.</param>
/// <param name="Alpha">The scale α of the purchase-rate distribution.</param>
/// <param name="S">The shape s of the drop-out-rate distribution.</param>
/// <param name="Beta">The scale β of the drop-out-rate distribution.</param>
/// <param name="LogLikelihood">The log-likelihood of the calibration data at these parameters (NaN when not fitted).</param>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta, double LogLikelihood = double.NaN) : IRepeatPurchaseModel
{
    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted model with its log-likelihood.</returns>
    /// <exception cref="ModelFitException">The likelihood has no finite optimum for these data.</exception>
    public static ParetoNbdModel Fit(IEnumerable<PurchaseSummary> summaries, CancellationToken cancellationToken = default)
    {
        var groups = SummaryGroups.From(summaries);
        var p = MaximumLikelihood.Fit("Pareto/NBD", 4, groups.Customers, x => LogLikelihoodOf(groups, x[0], x[1], x[2], x[3]), cancellationToken);
        var fitted = new ParetoNbdModel(p[0], p[1], p[2], p[3]);
        return fitted with { LogLikelihood = fitted.LogLikelihoodOf(groups) };
    }

    /// <summary>The log-likelihood of some data at this model's parameters.</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <returns>The sum of the customers' log-likelihoods.</returns>
    public double LogLikelihoodOf(IEnumerable<PurchaseSummary> summaries) => LogLikelihoodOf(SummaryGroups.From(summaries));

    private double LogLikelihoodOf(SummaryGroups groups) => LogLikelihoodOf(groups, R, Alpha, S, Beta);

    /// <inheritdoc />
    public double ExpectedPurchases(double t)
        => R * Beta / (Alpha * (S - 1)) * (1 - Math.Pow(Beta / (Beta + t), S - 1));

    /// <inheritdoc />
    public double ConditionalExpectedPurchases(double t, PurchaseSummary history)
    {
        var (x, age) = (history.Frequency, history.Age);
        var rate = (R + x) * (Beta + age) / ((Alpha + age) * (S - 1));
        return rate * (1 - Math.Pow((Beta + age) / (Beta + age + t), S - 1)) * ProbabilityAlive(history);
    }

    /// <inheritdoc />
    public double ProbabilityAlive(PurchaseSummary history)
    {
        var (x, tx, age) = (history.Frequency, history.Recency, history.Age);
        var logA0 = LogA0(R, Alpha, S, Beta, x, tx, age);
        var logRatio = Math.Log(S / (R + S + x)) + ((R + x) * Math.Log(Alpha + age)) + (S * Math.Log(Beta + age)) + logA0;
        return 1 / (1 + Math.Exp(logRatio));
    }

    private static double LogLikelihoodOf(SummaryGroups g, double r, double alpha, double s, double beta)
    {
        var logR = LogGamma(r);
        var maxX = g.DistinctFrequencies.Max();
        Span<double> byX = maxX < 512 ? stackalloc double[maxX + 1] : new double[maxX + 1];
        foreach (var x in g.DistinctFrequencies)
        {
            byX[x] = LogGamma(r + x) - logR;
        }

        var constant = (r * Math.Log(alpha)) + (s * Math.Log(beta));
        var total = 0.0;
        for (var i = 0; i < g.Length; i++)
        {
            var x = g.Frequency[i];
            var age = g.Age[i];
            var alive = (-(r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
            var left = Math.Log(s / (r + s + x)) + LogA0(r, alpha, s, beta, x, g.Recency[i], age);
            var ll = byX[x] + constant + LogSumExp(alive, left);
            if (double.IsNaN(ll))
            {
                return double.NaN;
            }

            total += g.Count[i] * ll;
        }

        return total;
    }

    /// <summary>ln A0 of the Fader-Hardie note (the integral over the unobserved drop-out time), in log space.</summary>
    private static double LogA0(double r, double alpha, double s, double beta, int x, double tx, double age)
    {
        var rsx = r + s + x;
        double m, b2;
        if (alpha >= beta)
        {
            (m, b2) = (alpha, s + 1);
        }
        else
        {
            (m, b2) = (beta, r + x);
        }

        var d = Math.Abs(alpha - beta);
        var first = Math.Log(Hypergeometric2F1(rsx, b2, rsx + 1, d / (m + tx))) - (rsx * Math.Log(m + tx));
        var second = Math.Log(Hypergeometric2F1(rsx, b2, rsx + 1, d / (m + age))) - (rsx * Math.Log(m + age));
        return tx >= age ? double.NegativeInfinity : LogDiffExp(first, second);
    }
}
