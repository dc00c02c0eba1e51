using Ecrm;
using Ecrm.Storage;
using Ecrm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the store and adds observers on an <see cref="IEcrmBuilder"/>.</summary>
public static class EcrmBuilderExtensions
{
    /// <summary>Keeps the customer graph in process memory (the default; not durable).</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UseInMemoryStore(this IEcrmBuilder builder)
        => builder.UseStore(sp => new InMemoryCustomerStore(sp.GetRequiredService<IOptions<EcrmOptions>>().Value));

    /// <summary>Uses a store built by a factory; replaces any store chosen before. Provider packages build on this.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the store once, from the service provider.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UseStore(this IEcrmBuilder builder, Func<IServiceProvider, CustomerStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<CustomerStore>();
        builder.Services.AddSingleton(factory);
        return builder;
    }

    /// <summary>Adds an observer called after each ingestion that changed customers.</summary>
    /// <typeparam name="T">The observer type, created once from the service provider.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddCustomerObserver<T>(this IEcrmBuilder builder)
        where T : class, ICustomerChangeObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomerChangeObserver, T>());
        return builder;
    }
}
