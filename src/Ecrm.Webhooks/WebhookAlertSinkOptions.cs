using Ecrm.Listening;

namespace Ecrm.Webhooks;

/// <summary>Where and how the alert webhook delivers: the endpoint, the signing secret, and the resilience settings.</summary>
public sealed class WebhookAlertSinkOptions
{
    /// <summary>Gets or sets the endpoint notifications are POSTed to (http or https). Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the shared secret that signs each request (HMAC-SHA256; at least 16 characters). Required.</summary>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the lowest alert level sent (surges and handling of sent levels always go). Default <see cref="AlertLevel.Medium"/>.</summary>
    public AlertLevel MinimumLevel { get; set; } = AlertLevel.Medium;

    /// <summary>Gets or sets the time one attempt may take. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a failed attempt is retried (transient errors, 408, 429, 5xx, timeouts). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Gets or sets the first retry's delay; later ones grow exponentially, with jitter. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest Retry-After (on 429 and 503) honoured; longer ones fail the delivery. Default 2 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the failure ratio over <see cref="BreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest attempts in the sampling window before the circuit may open. Default 10.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window failures are counted over. Default 30 seconds.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an open circuit fails deliveries at once before trying again. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

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

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            throw new EcrmException($"WebhookAlertSinkOptions.AttemptTimeout: expected 10 ms to 5 minutes, received {AttemptTimeout}.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new EcrmException($"WebhookAlertSinkOptions.MaxRetries: expected 0 to 20, received {MaxRetries}.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(5) || MaxRetryAfter < TimeSpan.Zero)
        {
            throw new EcrmException($"WebhookAlertSinkOptions.RetryDelay / MaxRetryAfter: expected 0 to 5 minutes and a non-negative cap, received {RetryDelay} and {MaxRetryAfter}.");
        }

        if (!(BreakerFailureRatio is > 0 and <= 1) || BreakerMinimumThroughput < 2
            || BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new EcrmException($"WebhookAlertSinkOptions breaker: expected a failure ratio in (0, 1], a minimum throughput of 2 or more and durations of at least 500 ms, received {BreakerFailureRatio}, {BreakerMinimumThroughput}, {BreakerSamplingDuration}, {BreakDuration}.");
        }
    }
}
