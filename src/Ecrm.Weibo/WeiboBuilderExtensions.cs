using Ecrm;
using Ecrm.Weibo;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Weibo polling.</summary>
public static class WeiboBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="WeiboPoller"/> and a hosted <see cref="WeiboPollingService"/> that polls every
    /// <see cref="WeiboOptions.PollInterval"/>. The cursors go to <see cref="WeiboOptions.CursorFile"/> unless an
    /// <see cref="IWeiboCursorStore"/> is registered. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the access token, the cursor file and optionally what and how often to poll.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddWeibo(this IEcrmBuilder builder, Action<WeiboOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.Configure(configure);
        services.AddValidatedOptions<WeiboOptions>(o => o.Validate());
        services.AddHttpClient(WeiboPoller.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWeiboCursorStore, FileWeiboCursorStore>();
        services.TryAddSingleton<WeiboPoller>();
        services.AddHostedService<WeiboPollingService>();
        return builder;
    }
}
