using Ecrm.Listening;
using Ecrm.Outbound;

namespace Ecrm.Webhooks;

/// <summary>Where and how the alert webhook delivers: the endpoint, the signing secret, and the resilience settings (see <see cref="OutboundResilienceOptions"/>).</summary>
public sealed class WebhookAlertSinkOptions : OutboundResilienceOptions
{
    /// <summary>Gets or sets the endpoint notifications are POSTed to (http or https). Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the shared secret that signs each request (HMAC-SHA256; at least 16 characters). Required.</summary>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the lowest alert level sent (surges and handling of sent levels always go). Default <see cref="AlertLevel.Medium"/>.</summary>
    public AlertLevel MinimumLevel { get; set; } = AlertLevel.Medium;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">An option is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new EcrmException($"WebhookAlertSinkOptions.Url: expected an absolute http or https URL, received '{Url}'.");
        }

        if (Secret is null || Secret.Length < 16)
        {
            throw new EcrmException($"WebhookAlertSinkOptions.Secret: expected a secret of at least 16 characters, received {(Secret is null ? "none" : Secret.Length + " characters")}.");
        }

        ValidateResilience(nameof(WebhookAlertSinkOptions));
    }
}
