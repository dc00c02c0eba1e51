using static Ecrm.Internal.Numerics.SpecialFunctions;

namespace Ecrm.Scoring;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma model of monetary value"):
/// a customer's transaction values are Gamma(p, ν) around their own mean, with ν ~ Gamma(q, γ) across customers.
/// Fitted on customers with at least one repeat purchase.
/// </summary>
/// <param name="P">The shape p of transaction values.</param>
/// <param name="Q">The shape q of the distribution of ν.</param>
/// <param name="Gamma">The scale γ of the distribution of ν.</param>
/// <param name="LogLikelihood">The log-likelihood of the calibration data at these parameters (NaN when not fitted).</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma, double LogLikelihood = double.NaN)
{
    /// <summary>Fits the model by maximum likelihood on the customers with repeat purchases (others are skipped).</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted model with its log-likelihood.</returns>
    /// <exception cref="ModelFitException">No customer has repeat purchases, or the likelihood has no finite optimum.</exception>
    public static GammaGammaModel Fit(IEnumerable<PurchaseSummary> summaries, CancellationToken cancellationToken = default)
    {
        var (x, m) = Repeaters(summaries);
        if (x.Length == 0)
        {
            throw new ModelFitException("Gamma-Gamma", "no customer has a repeat purchase with a positive value.");
        }

        var p = MaximumLikelihood.Fit("Gamma-Gamma", 3, x.Length, q => LogLikelihoodOf(x, m, q[0], q[1], q[2]), cancellationToken);
        var fitted = new GammaGammaModel(p[0], p[1], p[2]);
        return fitted with { LogLikelihood = LogLikelihoodOf(x, m, fitted.P, fitted.Q, fitted.Gamma) };
    }

    /// <summary>The log-likelihood of some data at this model's parameters (customers with repeat purchases only).</summary>
    /// <param name="summaries">One summary per customer.</param>
    /// <returns>The sum of the customers' log-likelihoods.</returns>
    public double LogLikelihoodOf(IEnumerable<PurchaseSummary> summaries)
    {
        var (x, m) = Repeaters(summaries);
        return LogLikelihoodOf(x, m, P, Q, Gamma);
    }

    /// <summary>
    /// The expected value of this customer's future transactions: a weighted mean of the population mean and the
    /// customer's own observed average, the more repeat purchases the more weight on the latter.
    /// </summary>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>E[M | p, q, γ, m_x, x]; the population mean for a customer without repeat purchases.</returns>
    public double ExpectedAverageValue(PurchaseSummary history)
    {
        var x = history.Frequency;
        var mx = history.AverageValue;
        return P * (Gamma + (x * mx)) / ((P * x) + Q - 1);
    }

    private static (int[] X, double[] M) Repeaters(IEnumerable<PurchaseSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var x = new List<int>();
        var m = new List<double>();
        foreach (var s in summaries)
        {
            s.Validate();
            if (s.Frequency > 0 && s.AverageValue > 0)
            {
                x.Add(s.Frequency);
                m.Add(s.AverageValue);
            }
        }

        return ([.. x], [.. m]);
    }

    private static double LogLikelihoodOf(int[] xs, double[] ms, double p, double q, double gamma)
    {
        // ln Γ(px + q) - ln Γ(px) depends on x only: computed once per distinct x (few distinct values in practice).
        var maxX = xs.Max();
        Span<double> byX = maxX < 512 ? stackalloc double[maxX + 1] : new double[maxX + 1];
        byX.Fill(double.NaN);
        var constant = (q * Math.Log(gamma)) - LogGamma(q);
        var total = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            var m = ms[i];
            var px = p * x;
            if (double.IsNaN(byX[x]))
            {
                byX[x] = LogGamma(px + q) - LogGamma(px) + (px * Math.Log(x));
            }

            total += byX[x] + constant + ((px - 1) * Math.Log(m)) - ((px + q) * Math.Log(gamma + (m * x)));
        }

        return total;
    }
}
