using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;

namespace Ecrm.Outbound;

/// <summary>
/// Makes calls to one provider resilient: each attempt has a timeout, goes through a rate limiter and a circuit
/// breaker, and is retried with exponential backoff and jitter (or the wait the provider asks for) when the answer says
/// a retry is safe. An attempt whose answer is lost (a timeout or a dropped connection) is retried only when repeating
/// it is safe (<see cref="RepeatSafety.Safe"/>); otherwise the provider is asked what happened when the caller can
/// (a reconciliation), and else the outcome is reported as <see cref="AnswerKind.Unknown"/>, never guessed.
/// </summary>
/// <remarks>One instance per provider (the breaker and the rate limiter are shared by its calls); thread-safe.</remarks>
public sealed partial class ProviderCall : IDisposable
{
    /// <summary>The largest response body read, in bytes (larger answers are cut there).</summary>
    public const int MaxResponseBytes = 1 << 20;

    private static readonly ResiliencePropertyKey<TimeSpan?> RetryAfterKey = new("ecrm.retry-after");
    private readonly string _provider;
    private readonly Func<HttpClient> _client;
    private readonly OutboundResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimiter? _limiter;
    private readonly ResiliencePipeline<ProviderAnswer> _pipeline;

    /// <summary>Initializes the call policy for one provider.</summary>
    /// <param name="provider">The provider's name, for logs and errors.</param>
    /// <param name="client">Gives the HTTP client for each call (typically a named client from <see cref="IHttpClientFactory"/>).</param>
    /// <param name="options">The resilience settings (validated by the caller).</param>
    /// <param name="time">The clock for timeouts and delays.</param>
    /// <param name="logger">The logger.</param>
    public ProviderCall(string provider, Func<HttpClient> client, OutboundResilienceOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _provider = provider;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        if (options.PermitsPerSecond > 0)
        {
            var perTick = Math.Max(1, (int)Math.Ceiling(options.PermitsPerSecond / 10));
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perTick,
                TokensPerPeriod = perTick,
                ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / options.PermitsPerSecond),
                QueueLimit = options.RateLimitQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        _pipeline = BuildPipeline();
    }

    /// <summary>Sends a request with retries, and reads each answer with the provider's rules.</summary>
    /// <param name="createRequest">Creates the request for one attempt (called once per attempt; requests cannot be resent).</param>
    /// <param name="read">Reads the response and its body (at most <see cref="MaxResponseBytes"/>) into an answer.</param>
    /// <param name="safety">Whether an attempt whose answer is lost may be repeated.</param>
    /// <param name="reconcile">
    /// For <see cref="RepeatSafety.Unsafe"/> calls, asks the provider whether a lost attempt took effect: a success
    /// answer if it did, a retry answer if it certainly did not, <see langword="null"/> if it cannot tell.
    /// </param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The last answer and the number of attempts.</returns>
    public Task<ProviderCallResult> SendAsync(
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, byte[], ProviderAnswer> read,
        RepeatSafety safety,
        Func<CancellationToken, ValueTask<ProviderAnswer?>>? reconcile = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        return SendAsync(_ => ValueTask.FromResult(createRequest()), read, safety, reconcile, cancellationToken);
    }

    /// <summary>Sends a request with retries, creating each attempt's request asynchronously (to fetch a token, say).</summary>
    /// <param name="createRequest">Creates the request for one attempt.</param>
    /// <param name="read">Reads the response and its body (at most <see cref="MaxResponseBytes"/>) into an answer.</param>
    /// <param name="safety">Whether an attempt whose answer is lost may be repeated.</param>
    /// <param name="reconcile">Asks the provider whether a lost attempt took effect (see the other overload).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The last answer and the number of attempts.</returns>
    public async Task<ProviderCallResult> SendAsync(
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        Func<HttpResponseMessage, byte[], ProviderAnswer> read,
        RepeatSafety safety,
        Func<CancellationToken, ValueTask<ProviderAnswer?>>? reconcile = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentNullException.ThrowIfNull(read);
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var answer = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    var result = await AttemptAsync(createRequest, read, safety, reconcile, ctx.CancellationToken).ConfigureAwait(false);
                    ctx.Properties.Set(RetryAfterKey, result.RetryAfter);
                    if (result.Kind != AnswerKind.Success)
                    {
                        AttemptFailed(_logger, _provider, attempts, result.Kind, result.Error);
                    }

                    return result;
                },
                context).ConfigureAwait(false);
            return new ProviderCallResult(answer, attempts);
        }
        catch (BrokenCircuitException ex)
        {
            return new ProviderCallResult(ProviderAnswer.Retry(0, $"{_provider}: circuit open after repeated failures ({ex.Message})"), attempts);
        }
        catch (RateLimiterRejectedException)
        {
            return new ProviderCallResult(ProviderAnswer.Retry(0, $"{_provider}: rate limiter queue full ({_options.RateLimitQueue} waiting)"), attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();

    private async ValueTask<ProviderAnswer> AttemptAsync(
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        Func<HttpResponseMessage, byte[], ProviderAnswer> read,
        RepeatSafety safety,
        Func<CancellationToken, ValueTask<ProviderAnswer?>>? reconcile,
        CancellationToken cancellationToken)
    {
        string lost;
        using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                using var request = await createRequest(linked.Token).ConfigureAwait(false);
                using var response = await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
                return read(response, body);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lost = $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s";
            }
            catch (HttpRequestException ex) when (NeverSent(ex))
            {
                return ProviderAnswer.Retry(0, "connection failed: " + ex.Message);
            }
            catch (HttpRequestException ex)
            {
                lost = "connection lost: " + ex.Message;
            }
        }

        if (safety == RepeatSafety.Safe)
        {
            return ProviderAnswer.Retry(0, lost);
        }

        if (reconcile is not null)
        {
            try
            {
                if (await reconcile(cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return found.Kind is AnswerKind.Success or AnswerKind.Retry
                        ? found with { Error = found.Kind == AnswerKind.Retry ? lost + "; the provider has no record of it" : null }
                        : new ProviderAnswer(AnswerKind.Unknown, 0, null, lost + "; reconciliation: " + found.Error);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or EcrmException && !cancellationToken.IsCancellationRequested)
            {
                return new ProviderAnswer(AnswerKind.Unknown, 0, null, lost + "; reconciliation failed: " + ex.Message);
            }
        }

        return new ProviderAnswer(AnswerKind.Unknown, 0, null, lost + "; not repeated, as the provider cannot recognise a repeat");
    }

    /// <summary>Whether the request certainly never reached the provider (the connection was refused or not made).</summary>
    private static bool NeverSent(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        || (ex.HttpRequestError == HttpRequestError.ConnectionError
            && ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound });

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < MaxResponseBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, (int)Math.Min(read, MaxResponseBytes - buffer.Length));
            }

            return buffer.ToArray();
        }
    }

    private ResiliencePipeline<ProviderAnswer> BuildPipeline()
    {
        var options = _options;
        var builder = new ResiliencePipelineBuilder<ProviderAnswer> { TimeProvider = _time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ProviderAnswer>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: BrokenCircuitException or RateLimiterRejectedException } => true,
                    { Result.Kind: AnswerKind.Retry } r => !(r.Result.RetryAfter > options.MaxRetryAfter),
                    _ => false,
                }),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args =>
                {
                    var wait = args.Outcome.Exception is RateLimiterRejectedException { RetryAfter: { } limiterWait }
                        ? limiterWait
                        : args.Context.Properties.TryGetValue(RetryAfterKey, out var asked) ? asked : null;
                    return ValueTask.FromResult(wait); // null: the exponential backoff with jitter
                },
                OnRetry = args =>
                {
                    args.Context.Properties.Set(RetryAfterKey, null);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<ProviderAnswer>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result.Kind is AnswerKind.Retry or AnswerKind.Unknown),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
        });
        if (_limiter is not null)
        {
            builder.AddRateLimiter(_limiter);
        }

        return builder.Build();
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "{Provider} attempt {Attempt}: {Kind} ({Error})")]
    private static partial void AttemptFailed(ILogger logger, string provider, int attempt, AnswerKind kind, string? error);
}
