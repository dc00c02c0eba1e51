using System.Net;
using System.Net.Http.Headers;
using Ecrm.Listening;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ecrm.Outbound;

namespace Ecrm.Webhooks;

/// <summary>
/// Delivers alert notifications to an HTTP endpoint as signed JSON (see <see cref="WebhookPayload"/>), through a named
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> and <see cref="ProviderCall"/>: retries with
/// exponential backoff and jitter on transient failures (network errors, timeouts, 408, 429, 5xx), Retry-After honoured,
/// a circuit breaker, a rate limiter and a timeout per attempt. Every attempt carries the same <see cref="WebhookPayload.DeliveryHeader"/>
/// so the receiver can drop repeats: delivery is at least once, and exactly once for a receiver that dedupes.
/// </summary>
public sealed partial class WebhookAlertSink : IAlertSink, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the sink asks the factory for.</summary>
    public const string HttpClientName = "ecrm-alert-webhook";

    private readonly WebhookAlertSinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProviderCall _call;
    private readonly HashSet<string> _sentAlerts = new(StringComparer.Ordinal);

    /// <summary>Initializes the sink.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The options (validated here).</param>
    /// <param name="time">The clock for signatures and resilience delays.</param>
    /// <param name="logger">The logger.</param>
    public WebhookAlertSink(IHttpClientFactory clients, IOptions<WebhookAlertSinkOptions> options, TimeProvider time, ILogger<WebhookAlertSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _call = new ProviderCall("alert-webhook", () => clients.CreateClient(HttpClientName), _options, time, _logger);
    }

    /// <inheritdoc />
    public async ValueTask DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!ShouldSend(notification))
        {
            return;
        }

        var body = WebhookPayload.Serialize(notification);
        var result = await _call.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
                request.Headers.Add(WebhookPayload.DeliveryHeader, notification.Id);
                request.Headers.Add(WebhookPayload.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Sign(_options.Secret!, timestamp, body));
                return request;
            },
            (response, _) => ProviderAnswer.FromStatus(response, null, _time),
            RepeatSafety.Safe, // every attempt carries the same delivery id, so the receiver drops repeats
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new WebhookDeliveryException(notification.Id, $"{result.Answer.Error} after {result.Attempts} attempts");
        }

        if (notification.Alert is { } alert)
        {
            lock (_sentAlerts)
            {
                _sentAlerts.Add(alert.Id);
            }
        }

        Delivered(_logger, notification.Id, result.Attempts);
    }

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();

    private bool ShouldSend(AlertNotification notification)
    {
        if (notification.Alert is not { } alert)
        {
            return true; // surges
        }

        if (notification.Kind is AlertNotificationKind.Raised or AlertNotificationKind.Escalated)
        {
            return alert.Level >= _options.MinimumLevel;
        }

        lock (_sentAlerts)
        {
            return _sentAlerts.Contains(alert.Id) || alert.Level >= _options.MinimumLevel;
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Delivered alert notification {NotificationId} to the webhook in {Attempts} attempts")]
    private static partial void Delivered(ILogger logger, string notificationId, int attempts);
}
