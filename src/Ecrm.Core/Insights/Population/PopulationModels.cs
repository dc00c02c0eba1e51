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
    int Population);
