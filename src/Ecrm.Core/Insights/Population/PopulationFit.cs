using Ecrm.Scoring;
using Ecrm.Segments;
using Ecrm.Storage;
using Microsoft.Extensions.Logging;

namespace Ecrm.Insights;

/// <summary>
/// One refit of the population models, and every customer's facts under them, read from the store without touching
/// the insights engine's table: the slow half of a refresh, which a background refit runs while the engine goes on
/// serving reads and changes with the models it has.
/// </summary>
/// <param name="ErasuresSeen">How many erasures the store listed before the population was read.</param>
/// <param name="Models">The fitted models.</param>
/// <param name="InfluenceScores">The influence scores of the fit.</param>
/// <param name="Influence">Each customer's influence score, by customer id.</param>
/// <param name="Rows">Each customer's facts and the next moment they change with time alone, ordered by customer id.</param>
internal sealed record PopulationFit(
    int ErasuresSeen,
    PopulationModels Models,
    InfluenceScores InfluenceScores,
    Dictionary<string, double> Influence,
    IReadOnlyList<(CustomerFacts Facts, DateTimeOffset? NextChange)> Rows)
{
    /// <summary>Reads every customer from the store and fits RFM cut points, influence and lifetime value on them.</summary>
    /// <param name="store">The store.</param>
    /// <param name="facts">What is derived from one customer.</param>
    /// <param name="options">The insights options.</param>
    /// <param name="now">The moment of the fit.</param>
    /// <param name="logger">Where a failed lifetime fit is logged.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    public static async Task<PopulationFit> RunAsync(
        CustomerStore store,
        CustomerFactsBuilder facts,
        InsightsOptions options,
        DateTimeOffset now,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var erasures = (await store.GetErasuresAsync(cancellationToken).ConfigureAwait(false)).Count; // before anything is read
        var profiles = new List<CustomerProfile>();
        await foreach (var p in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(p);
        }

        var rfm = RfmModel.Fit(profiles.Select(facts.RfmInputOf));
        var graph = await store.BuildInfluenceGraphAsync(cancellationToken).ConfigureAwait(false);
        var scores = graph.Compute(options.Influence, cancellationToken);
        var influence = profiles.ToDictionary(p => p.Id, p => scores.ScoreOf(p.Id), StringComparer.Ordinal);

        var histories = new Dictionary<string, List<CustomerEvent>>(StringComparer.Ordinal);
        foreach (var p in profiles)
        {
            histories[p.Id] = await store.ReadAllAsync(p.Id, cancellationToken).ConfigureAwait(false);
        }

        var models = new PopulationModels(rfm, facts.FitLifetime(histories, now, logger, cancellationToken), HasInfluence: true, now, profiles.Count);
        var rows = new (CustomerFacts, DateTimeOffset?)[profiles.Count];
        for (var i = 0; i < profiles.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var p = profiles[i];
            rows[i] = facts.FactsOf(p, histories[p.Id], now, models, influence[p.Id]);
        }

        return new PopulationFit(erasures, models, scores, influence, rows);
    }
}
