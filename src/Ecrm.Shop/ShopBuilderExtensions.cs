using Ecrm;
using Ecrm.Shop;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shop webhook handler.</summary>
public static class ShopBuilderExtensions
{
    /// <summary>Adds <see cref="ShopWebhookHandler"/> (resolve it where the host receives webhooks). Options are validated at start-up.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the secrets and, for other platforms, the mapper.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddShopWebhooks(this IEcrmBuilder builder, Action<ShopWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.AddValidatedOptions<ShopWebhookOptions>(o => o.Validate());
        builder.Services.TryAddSingleton<ShopWebhookHandler>();
        return builder;
    }
}
