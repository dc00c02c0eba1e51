namespace Ecrm.Scoring;

/// <summary>Discounted customer lifetime value from a repeat-purchase model and a spend model.</summary>
public static class CustomerLifetimeValue
{
    /// <summary>
    /// The present value of a customer's expected purchases over a horizon: for each period i of the horizon, the
    /// expected purchases in that period (conditional on the history) times the expected value per purchase, discounted
    /// by (1 + rate)^i.
    /// </summary>
    /// <param name="purchases">The fitted repeat-purchase model (<see cref="BgNbdModel"/> or <see cref="ParetoNbdModel"/>).</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="history">The customer's calibration history.</param>
    /// <param name="periods">How many discounting periods the horizon has (e.g. 12 months).</param>
    /// <param name="periodLength">The length of one period in model time units (e.g. 4.345 weeks for a month).</param>
    /// <param name="discountRatePerPeriod">The discount rate per period (e.g. 0.01 a month).</param>
    /// <returns>The discounted lifetime value over the horizon.</returns>
    /// <exception cref="EcrmException">A non-positive period count or length, or a negative discount rate.</exception>
    public static double Discounted(
        IRepeatPurchaseModel purchases,
        GammaGammaModel spend,
        PurchaseSummary history,
        int periods,
        double periodLength,
        double discountRatePerPeriod)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        history.Validate();
        if (periods < 1)
        {
            throw new EcrmException($"periods: expected 1 or more, received {periods}.");
        }

        if (!(periodLength > 0) || !double.IsFinite(periodLength))
        {
            throw new EcrmException($"periodLength: expected a positive length, received {periodLength}.");
        }

        if (!(discountRatePerPeriod >= 0) || !double.IsFinite(discountRatePerPeriod))
        {
            throw new EcrmException($"discountRatePerPeriod: expected a rate of 0 or more, received {discountRatePerPeriod}.");
        }

        var value = spend.ExpectedAverageValue(history);
        var total = 0.0;
        var previous = 0.0;
        for (var i = 1; i <= periods; i++)
        {
            var cumulative = purchases.ConditionalExpectedPurchases(i * periodLength, history);
            total += (cumulative - previous) * value / Math.Pow(1 + discountRatePerPeriod, i);
            previous = cumulative;
        }

        return total;
    }
}
