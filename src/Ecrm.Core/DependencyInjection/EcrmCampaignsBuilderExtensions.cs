using Ecrm;
using Ecrm.Campaigns;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers campaigns.</summary>
public static class EcrmCampaignsBuilderExtensions
{
    /// <summary>
    /// Adds the campaign engine (<see cref="ICampaigns"/>), and consent with it. Audiences come from segments
    /// (<c>AddInsights</c>); messages go through the registered <see cref="Ecrm.Messaging.IMessageSender"/>s. Options
    /// are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Changes the frequency cap, the WeChat account and the parallelism.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddCampaigns(this IEcrmBuilder builder, Action<CampaignOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddConsent();
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddValidatedOptions<CampaignOptions>(o => o.Validate());
        services.TryAddSingleton<CampaignService>();
        if (!services.Any(d => d.ServiceType == typeof(ICampaigns)))
        {
            services.AddSingleton<ICampaigns>(sp => sp.GetRequiredService<CampaignService>());
            services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<CampaignService>());
            services.AddSingleton<Ecrm.Insights.ISegmentMembershipObserver>(sp => sp.GetRequiredService<CampaignService>());
        }
        return builder;
    }
}
