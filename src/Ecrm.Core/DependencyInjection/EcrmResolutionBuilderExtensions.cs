using Ecrm;
using Ecrm.Resolution;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds probabilistic identity resolution to the customer graph.</summary>
public static class EcrmResolutionBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ICustomerResolution"/>: call <see cref="ICustomerResolution.ResolveStoreAsync"/> once (and from
    /// time to time to refit the model); after that every new customer is compared with its blocking neighbours as it
    /// arrives. Matches merge through the graph with their evidence; uncertain pairs wait in a review queue.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures thresholds.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddIdentityResolution(this IEcrmBuilder builder, Action<IdentityResolutionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(CustomerResolution)))
        {
            return builder;
        }

        services.AddValidatedOptions<IdentityResolutionOptions>(o => o.Validate());
        services.AddSingleton<CustomerResolution>();
        services.AddSingleton<ICustomerResolution>(sp => sp.GetRequiredService<CustomerResolution>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<CustomerResolution>());
        return builder;
    }
}
