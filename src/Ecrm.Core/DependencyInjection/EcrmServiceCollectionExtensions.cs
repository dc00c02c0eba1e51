using Ecrm;
using Ecrm.Storage;
using Ecrm.Storage.InMemory;
using Ecrm.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Ecrm.Sdk in a service collection.</summary>
public static class EcrmServiceCollectionExtensions
{
    /// <summary>
    /// Adds the customer graph (<see cref="ICustomerGraph"/>) with the in-memory store unless another store is chosen,
    /// <see cref="TimeProvider.System"/> unless the host registered a <see cref="TimeProvider"/>, and options validated at
    /// start. The store is opened (for a durable store: its log read) by a hosted service when a generic host starts, in
    /// the background with progress logged, or else by the first operation; <see cref="StoreReadinessHealthCheck"/>
    /// reports readiness. Safe to call more than once: later calls only add configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="EcrmOptions"/>.</param>
    /// <returns>A builder to choose a store and add channels and observers.</returns>
    public static IEcrmBuilder AddEcrm(this IServiceCollection services, Action<EcrmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new EcrmBuilder(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(EcrmMarker)))
        {
            return builder;
        }

        services.AddSingleton<EcrmMarker>();
        services.AddOptions<EcrmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EcrmOptions>, EcrmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EcrmTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<CustomerStore>(sp => new InMemoryCustomerStore(sp.GetRequiredService<IOptions<EcrmOptions>>().Value));
        services.TryAddSingleton<ICustomerGraph, CustomerGraph>();
        services.TryAddSingleton(sp => (Ecrm.Privacy.ICustomerPrivacy)sp.GetRequiredService<ICustomerGraph>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StoreOpeningService>());
        services.TryAddSingleton<StoreReadinessHealthCheck>();
        return builder;
    }

    private sealed class EcrmMarker;

    private sealed class EcrmBuilder(IServiceCollection services) : IEcrmBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
