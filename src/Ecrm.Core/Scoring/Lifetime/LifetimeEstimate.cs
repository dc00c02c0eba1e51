namespace Ecrm.Scoring;

/// <summary>A customer's lifetime-value prediction from fitted BG/NBD and Gamma-Gamma models.</summary>
/// <param name="ProbabilityAlive">The probability the customer is still active.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="ExpectedAverageValue">Expected value per purchase.</param>
/// <param name="Value">Discounted lifetime value over the horizon (1% a month).</param>
/// <param name="HorizonMonths">The horizon in months.</param>
public sealed record LifetimeEstimate(double ProbabilityAlive, double ExpectedPurchases, double ExpectedAverageValue, double Value, int HorizonMonths)
{
    private const double WeeksPerMonth = 52.0 / 12;

    /// <summary>Predicts from a customer's history with fitted models over a horizon of months (1% monthly discount).</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="history">The customer's history in weeks.</param>
    /// <param name="months">The horizon.</param>
    /// <returns>The estimate.</returns>
    public static LifetimeEstimate Predict(IRepeatPurchaseModel purchases, GammaGammaModel spend, PurchaseSummary history, int months = 12)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        return new LifetimeEstimate(
            purchases.ProbabilityAlive(history),
            purchases.ConditionalExpectedPurchases(months * WeeksPerMonth, history),
            spend.ExpectedAverageValue(history),
            CustomerLifetimeValue.Discounted(purchases, spend, history, months, WeeksPerMonth, 0.01),
            months);
    }
}
