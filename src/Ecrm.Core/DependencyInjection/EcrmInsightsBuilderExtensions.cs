using Ecrm;
using Ecrm.Insights;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the insights engine (segments, loyalty, tiers, scores) to the SDK.</summary>
public static class EcrmInsightsBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ICustomerInsights"/> and <see cref="ILoyaltyProgram"/>: segments with live membership, points,
    /// tiers, engagement, RFM and influence, updated after every ingestion and on a schedule, shown in the customer
    /// 360. Options are validated at start. Safe to call more than once: later calls only add configuration.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures segments, the loyalty programme and scores.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddInsights(this IEcrmBuilder builder, Action<InsightsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(InsightsMarker)))
        {
            return builder;
        }

        services.AddSingleton<InsightsMarker>();
        services.AddValidatedOptions<InsightsOptions>(o => o.Validate());
        services.TryAddSingleton<CustomerInsights>();
        services.TryAddSingleton<ICustomerInsights>(sp => sp.GetRequiredService<CustomerInsights>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<CustomerInsights>());
        services.TryAddSingleton<ILoyaltyProgram, LoyaltyProgram>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomer360Contributor, InsightContributor>());
        return builder;
    }

    private sealed class InsightsMarker;
}
