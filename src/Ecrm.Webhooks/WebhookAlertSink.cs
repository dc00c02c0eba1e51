using System.Net;
using System.Net.Http.Headers;
using Ecrm.Listening;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ecrm.Webhooks;

/// <summary>
/// Delivers alert notifications to an HTTP endpoint as signed JSON (see <see cref="WebhookPayload"/>), through a named
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> and a Polly pipeline: retries with exponential backoff
/// and jitter on transient failures (network errors, timeouts, 408, 429, 5xx), Retry-After honoured on 429 and 503, a
/// circuit breaker, and a timeout per attempt. Every attempt carries the same <see cref="WebhookPayload.DeliveryHeader"/>
/// so the receiver can drop repeats: delivery is at least once, and exactly once for a receiver that dedupes.
/// </summary>
public sealed partial class WebhookAlertSink : IAlertSink
{
    /// <summary>The name of the <see cref="HttpClient"/> the sink asks the factory for.</summary>
    public const string HttpClientName = "ecrm-alert-webhook";

    private static readonly ResiliencePropertyKey<TimeSpan?> RetryAfterKey = new("ecrm.retry-after");
    private readonly IHttpClientFactory _clients;
    private readonly WebhookAlertSinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly HashSet<string> _sentAlerts = new(StringComparer.Ordinal);

    /// <summary>Initializes the sink.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The options (validated here).</param>
    /// <param name="time">The clock for signatures and resilience delays.</param>
    /// <param name="logger">The logger.</param>
    public WebhookAlertSink(IHttpClientFactory clients, IOptions<WebhookAlertSinkOptions> options, TimeProvider time, ILogger<WebhookAlertSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _pipeline = BuildPipeline(_options, _time);
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
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var attempt = 0;
            using var response = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    attempt++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
                    request.Headers.Add(WebhookPayload.DeliveryHeader, state.Id);
                    request.Headers.Add(WebhookPayload.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Sign(_options.Secret!, timestamp, body));
                    var answer = await _clients.CreateClient(HttpClientName).SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                    ctx.Properties.Set(RetryAfterKey, RetryAfter(answer));
                    return answer;
                },
                context,
                notification).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookDeliveryException(notification.Id, $"HTTP {(int)response.StatusCode} after {attempt} attempts");
            }

            if (notification.Alert is { } alert)
            {
                lock (_sentAlerts)
                {
                    _sentAlerts.Add(alert.Id);
                }
            }

            Delivered(_logger, notification.Id, attempt);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new WebhookDeliveryException(notification.Id, ex.GetType().Name + ": " + ex.Message, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } r && (r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500));

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(WebhookAlertSinkOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // A Retry-After longer than honoured ends the retries: the delivery fails with that answer.
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)
                    && !(args.Context.Properties.TryGetValue(RetryAfterKey, out var wait) && wait > options.MaxRetryAfter)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(RetryAfterKey, out var wait) && wait is { } w
                        ? (TimeSpan?)(w < TimeSpan.Zero ? TimeSpan.Zero : w)
                        : null), // null: the exponential backoff with jitter
                OnRetry = args =>
                {
                    args.Context.Properties.Set(RetryAfterKey, null);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

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
