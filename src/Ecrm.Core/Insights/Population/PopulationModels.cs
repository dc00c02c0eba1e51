using Ecrm.Scoring;

namespace Ecrm.Insights;

/// <summary>
/// The models the insights engine fits on the whole population and applies to one customer at a time: RFM cut points,
/// the lifetime-value models (BG/NBD and Gamma-Gamma), and whether influence scores were computed. The influence
/// scores themselves are per customer and travel beside (in memory, or as the persisted document's values).
/// </summary>
/// <param name="Rfm">The RFM cut points.</param>
/// <param name="Lifetime">The lifetime-value models, or null when the purchases could not support a fit.</param>
/// <param name="HasInfluence">Whether influence scores were computed (a customer without a score then scores 0).</param>
/// <param name="FittedAt">When the models were fitted.</param>
/// <param name="Population">How many customers the fit saw.</param>
internal sealed record PopulationModels(
    RfmModel Rfm,
    (BgNbdModel Purchases, GammaGammaModel Spend)? Lifetime,
    bool HasInfluence,
    DateTimeOffset FittedAt,
    int Population)
{
    /// <summary>
    /// Whether models are due for a refit: <see cref="InsightsOptions.PopulationRefreshInterval"/> has passed since the
    /// fit, or the population has grown by more than 10% and a <see cref="InsightsOptions.ReevaluationInterval"/> has
    /// passed (so that reads during a bulk load do not refit over and over: each refit reads everyone). The loaded
    /// table and a read of one customer from stored models apply the same rule.
    /// </summary>
    /// <param name="models">The models (null: none yet, always due).</param>
    /// <param name="liveCustomers">The live customers now.</param>
    /// <param name="now">Now.</param>
    /// <param name="options">The intervals.</param>
    public static bool IsDue(PopulationModels? models, long liveCustomers, DateTimeOffset now, InsightsOptions options)
    {
        if (models is null)
        {
            return true;
        }

        var age = now - models.FittedAt;
        return age >= options.PopulationRefreshInterval
            || (liveCustomers > (models.Population * 1.1) + 10 && age >= options.ReevaluationInterval);
    }
}
