using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecrm.Storage;

/// <summary>
/// Readiness of the customer graph's store: healthy once open, unhealthy while opening (with the entries read so far)
/// and after a failed opening (with the error). Register it with the host's health checks, for example
/// <c>services.AddHealthChecks().AddCheck&lt;StoreReadinessHealthCheck&gt;("ecrm-store", tags: ["ready"])</c>.
/// </summary>
public sealed class StoreReadinessHealthCheck : IHealthCheck
{
    private readonly CustomerStore _store;

    /// <summary>Initializes the check for the registered store.</summary>
    /// <param name="store">The store.</param>
    public StoreReadinessHealthCheck(CustomerStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = _store.OpenStatus;
        var data = new Dictionary<string, object>
        {
            ["provider"] = _store.Metadata.ProviderName,
            ["state"] = status.State.ToString(),
            ["entriesRead"] = status.EntriesRead,
            ["elapsed"] = status.Elapsed.ToString("c", CultureInfo.InvariantCulture),
        };
        return Task.FromResult(status.State switch
        {
            StoreOpenState.Open => HealthCheckResult.Healthy($"Store {_store.Metadata.ProviderName} is open.", data),
            StoreOpenState.Failed => HealthCheckResult.Unhealthy($"Store {_store.Metadata.ProviderName} could not be opened: {status.Error?.Message}", status.Error, data),
            StoreOpenState.Opening => HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"Store {_store.Metadata.ProviderName} is opening: {status.EntriesRead} entries read."), data: data),
            _ => HealthCheckResult.Unhealthy($"Store {_store.Metadata.ProviderName} is not open yet.", data: data),
        });
    }
}
