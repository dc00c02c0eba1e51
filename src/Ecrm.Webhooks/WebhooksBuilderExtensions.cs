using Ecrm;
using Ecrm.Listening;
using Ecrm.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the alert webhook.</summary>
public static class WebhooksBuilderExtensions
{
    /// <summary>
    /// Sends listening's alert notifications to an HTTP endpoint as signed JSON, with resilience (see
    /// <see cref="WebhookAlertSink"/>). The named client <see cref="WebhookAlertSink.HttpClientName"/> can be configured
    /// further with <c>services.AddHttpClient(WebhookAlertSink.HttpClientName)</c>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder (with <c>AddListening</c>).</param>
    /// <param name="configure">Sets the URL, the secret and optionally the resilience settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddAlertWebhook(this IEcrmBuilder builder, Action<WebhookAlertSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.Configure(configure);
        services.AddValidatedOptions<WebhookAlertSinkOptions>(o => o.Validate());
        services.AddHttpClient(WebhookAlertSink.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, WebhookAlertSink>());
        return builder;
    }
}
