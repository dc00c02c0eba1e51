using Ecrm.Internal.Numerics;

namespace Ecrm.Scoring;

/// <summary>Maximum-likelihood fitting of positive parameters, shared by the lifetime-value models.</summary>
internal static class MaximumLikelihood
{
    /// <summary>
    /// Maximises a log-likelihood over positive parameters (searched as their logarithms, from 1), scaled to the mean
    /// per customer so gradients are of order one whatever the data size.
    /// </summary>
    /// <param name="model">The model's name, for the error.</param>
    /// <param name="parameters">How many parameters.</param>
    /// <param name="customers">How many customers the log-likelihood sums over.</param>
    /// <param name="logLikelihood">The log-likelihood at positive parameters.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted parameters.</returns>
    /// <exception cref="ModelFitException">No finite optimum was found.</exception>
    public static double[] Fit(string model, int parameters, int customers, Func<double[], double> logLikelihood, CancellationToken cancellationToken)
    {
        var result = Minimizer.Minimize(
            p => -logLikelihood([.. p.Select(Math.Exp)]) / customers,
            new double[parameters],
            cancellationToken);
        if (!result.Converged)
        {
            throw new ModelFitException(model, $"it stopped at a mean log-likelihood of {-result.Value} per customer after {result.Evaluations} evaluations.");
        }

        return [.. result.Point.Select(Math.Exp)];
    }
}
