namespace Ecrm.Scoring;

/// <summary>A fitted model of how often customers buy again and how long they stay (BG/NBD, Pareto/NBD).</summary>
public interface IRepeatPurchaseModel
{
    /// <summary>Gets the log-likelihood of the calibration data at the fitted parameters.</summary>
    double LogLikelihood { get; }

    /// <summary>The expected number of purchases of a new customer in a period of length <paramref name="t"/>.</summary>
    /// <param name="t">The length of the period, in model time units.</param>
    /// <returns>E[X(t)].</returns>
    double ExpectedPurchases(double t);

    /// <summary>The expected number of purchases in the next <paramref name="t"/> time units of a customer with this history.</summary>
    /// <param name="t">The length of the future period, in model time units.</param>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>E[Y(t) | x, t_x, T].</returns>
    double ConditionalExpectedPurchases(double t, PurchaseSummary history);

    /// <summary>The probability that a customer with this history is still active (has not silently left).</summary>
    /// <param name="history">The customer's calibration history.</param>
    /// <returns>P(alive | x, t_x, T), between 0 and 1.</returns>
    double ProbabilityAlive(PurchaseSummary history);
}
