using Ecrm;
using Ecrm.Consent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers consent.</summary>
public static class EcrmConsentBuilderExtensions
{
    /// <summary>
    /// Keeps every customer's consent per channel and purpose from the events (<see cref="IConsentRegistry"/>), with
    /// quiet hours. Campaigns require it. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Changes the rules (opt-in purposes, quiet hours, time zone, unsubscribe replies).</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddConsent(this IEcrmBuilder builder, Action<ConsentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(ContactRegistry)))
        {
            return builder;
        }

        services.AddValidatedOptions<ConsentOptions>(o => o.Validate());
        services.TryAddSingleton<ContactRegistry>();
        services.TryAddSingleton<IConsentRegistry>(sp => sp.GetRequiredService<ContactRegistry>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<ContactRegistry>());
        return builder;
    }
}
