using Ecrm.Storage;
using Microsoft.Extensions.Logging;

namespace Ecrm.Insights;

/// <summary>
/// The population models as the store keeps them (<see cref="PopulationDocument"/>), for reads of one customer in a
/// process that has not loaded the whole population: the document is read again after each
/// <see cref="InsightsOptions.ReevaluationInterval"/>, and each customer's influence score with that customer.
/// </summary>
internal sealed class PersistedPopulation
{
    private readonly CustomerStore _store;
    private readonly InsightsOptions _options;
    private readonly ILogger _logger;
    private readonly PersistedDocument<PopulationModels> _document;

    public PersistedPopulation(CustomerStore store, InsightsOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _document = new(store, PopulationDocument.Name, s => PopulationDocument.Read(s, options), options.ReevaluationInterval, time, reason => InsightsLog.PopulationUnreadable(logger, reason));
    }

    /// <summary>The models the store holds (null when none, written under other options, or unreadable).</summary>
    public ValueTask<PopulationModels?> ReadAsync(CancellationToken cancellationToken) => _document.ReadAsync(cancellationToken);

    /// <summary>Drops the models read, so that the next read asks the store (after an erasure).</summary>
    public void Forget() => _document.Forget();

    /// <summary>A customer's influence score as the models were fitted with (0 for a customer the fit did not score).</summary>
    public async ValueTask<double> InfluenceOfAsync(string customerId, CancellationToken cancellationToken)
        => _document.Store is { } derived
            ? await derived.ReadDerivedValueAsync(PopulationDocument.Name, customerId, cancellationToken).ConfigureAwait(false) ?? 0
            : 0;

    /// <summary>
    /// Writes freshly fitted models with their (non-zero) influence scores, unless an erasure happened since the fit
    /// read the population. Not cancellable (a refit that got this far is worth keeping); a failed write is logged: the
    /// models stay in use in memory, and the next refit writes again.
    /// </summary>
    public async ValueTask WriteAsync(PopulationModels models, IReadOnlyDictionary<string, double> influence, int erasuresSeen)
    {
        if (_document.Store is null)
        {
            return;
        }

        try
        {
            await _document.WriteAsync(models, PopulationDocument.Write(models, _options), [.. influence.Where(p => p.Value != 0)], erasuresSeen, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            InsightsLog.PopulationNotWritten(_logger, ex);
        }
    }
}
