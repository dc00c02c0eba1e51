using Ecrm;
using Ecrm.Recommendations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers recommendations.</summary>
public static class EcrmRecommendationsBuilderExtensions
{
    /// <summary>
    /// Recommends items to each customer (<see cref="IRecommender"/>): association rules mined from every order, blended
    /// with category affinity and popularity, with reasons; the customer 360 shows the top ones. Options are validated
    /// at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Changes the thresholds, weights and windows.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddRecommendations(this IEcrmBuilder builder, Action<RecommendationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(RecommendationService)))
        {
            return builder;
        }

        services.AddValidatedOptions<RecommendationOptions>(o => o.Validate());
        services.TryAddSingleton<RecommendationService>();
        services.TryAddSingleton<IRecommender>(sp => sp.GetRequiredService<RecommendationService>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<RecommendationService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomer360Contributor, RecommendationContributor>());
        return builder;
    }
}
