using Ecrm;
using Ecrm.Attribution;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers attribution.</summary>
public static class EcrmAttributionBuilderExtensions
{
    /// <summary>Adds <see cref="IAttribution"/>: follows, customers and revenue per campaign and medium, by a chosen model.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddAttribution(this IEcrmBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IAttribution, AttributionService>();
        return builder;
    }
}
