using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.Weibo;

/// <summary>
/// Polls the account's Weibo timelines and ingests what is new. Each timeline keeps a cursor (the largest id
/// ingested) in an <see cref="IWeiboCursorStore"/>: a poll asks for <c>since_id</c> = cursor, pages deeper with
/// <c>max_id</c> until a short page, ingests oldest first, and only then saves the new cursor, so a crash or a
/// restart re-reads rather than skips (ingestion is idempotent). Rate limits (10022, 10023, 10024) pause the timeline
/// until the next hour (or the answer's Retry-After) without saving the cursor, so nothing is dropped; system errors
/// (10001, 10002, 5xx) are retried with backoff; an expired or revoked token (213xx) stops the timeline with an error
/// that asks for re-authorisation.
/// </summary>
public sealed partial class WeiboPoller : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the poller asks the factory for.</summary>
    public const string HttpClientName = "ecrm-weibo";

    private readonly ICustomerGraph _graph;
    private readonly IWeiboCursorStore _cursors;
    private readonly WeiboOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProviderCall _call;
    private readonly Dictionary<WeiboTimeline, DateTimeOffset> _pausedUntil = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Initializes the poller.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="graph">The customer graph.</param>
    /// <param name="cursors">Where the cursors are kept.</param>
    /// <param name="options">The options (validated here).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public WeiboPoller(IHttpClientFactory clients, ICustomerGraph graph, IWeiboCursorStore cursors, IOptions<WeiboOptions> options, TimeProvider time, ILogger<WeiboPoller>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _cursors = cursors ?? throw new ArgumentNullException(nameof(cursors));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _call = new ProviderCall("weibo", () => clients.CreateClient(HttpClientName), _options, time, logger);
    }

    /// <summary>Polls every configured timeline once (timelines paused by a rate limit are skipped until their time).</summary>
    /// <param name="cancellationToken">A token to cancel the poll (the cursor of an unfinished timeline is not moved).</param>
    /// <returns>What each timeline did.</returns>
    public async Task<IReadOnlyList<WeiboTimelineResult>> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<WeiboTimelineResult>();
            foreach (var timeline in _options.Timelines.Order())
            {
                results.Add(await PollAsync(timeline, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _call.Dispose();
        _gate.Dispose();
    }

    private static string Path(WeiboTimeline timeline) => timeline switch
    {
        WeiboTimeline.CommentsToMe => "2/comments/to_me.json",
        WeiboTimeline.CommentMentions => "2/comments/mentions.json",
        _ => "2/statuses/mentions.json",
    };

    private async Task<WeiboTimelineResult> PollAsync(WeiboTimeline timeline, CancellationToken cancellationToken)
    {
        var since = await _cursors.LoadAsync(timeline, cancellationToken).ConfigureAwait(false);
        if (_pausedUntil.TryGetValue(timeline, out var paused) && _time.GetUtcNow() < paused)
        {
            return new WeiboTimelineResult(timeline, 0, 0, since, paused, "paused by a rate limit");
        }

        var items = new List<(long Id, CustomerEvent Event)>();
        long? maxId = null;
        string? error = null;
        DateTimeOffset? pauseUntil = null;
        for (var page = 0; page < _options.MaxPagesPerPoll; page++)
        {
            var (list, failure, pause) = await FetchAsync(timeline, since, maxId, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                (error, pauseUntil) = (failure, pause);
                break;
            }

            var fresh = list!.Where(i => i.Id > since).ToList();
            items.AddRange(fresh);
            if (list!.Count < _options.PageSize || fresh.Count == 0)
            {
                break;
            }

            maxId = fresh.Min(i => i.Id) - 1;
            if (page == _options.MaxPagesPerPoll - 1)
            {
                DepthReached(_logger, timeline, _options.MaxPagesPerPoll * _options.PageSize);
            }
        }

        var ingested = 0;
        var unique = items.DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
        if (unique.Count > 0)
        {
            var result = await _graph.IngestBatchAsync(unique.Select(i => i.Event).ToList(), cancellationToken).ConfigureAwait(false);
            ingested = result.Accepted;
        }

        if (pauseUntil is { } until)
        {
            _pausedUntil[timeline] = until;
            RateLimited(_logger, timeline, until, error);
        }
        else if (error is null && unique.Count > 0)
        {
            since = unique[^1].Id;
            await _cursors.SaveAsync(timeline, since, cancellationToken).ConfigureAwait(false);
        }
        else if (error is not null)
        {
            PollFailed(_logger, timeline, error);
        }

        return new WeiboTimelineResult(timeline, items.Count, ingested, since, pauseUntil, error);
    }

    private async Task<(List<(long Id, CustomerEvent Event)>? Items, string? Error, DateTimeOffset? PauseUntil)> FetchAsync(
        WeiboTimeline timeline, long since, long? maxId, CancellationToken cancellationToken)
    {
        var query = $"?since_id={since.ToString(CultureInfo.InvariantCulture)}&count={_options.PageSize.ToString(CultureInfo.InvariantCulture)}"
            + (maxId is { } max ? "&max_id=" + max.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var uri = new Uri(_options.BaseAddress, Path(timeline) + query);
        byte[]? body = null;
        TimeSpan? retryAfter = null;
        var result = await _call.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("OAuth2", _options.AccessToken);
                return request;
            },
            (response, bytes) =>
            {
                body = bytes;
                retryAfter = ProviderAnswer.RetryAfterOf(response, _time);
                return Classify(response, bytes);
            },
            RepeatSafety.Safe,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var error = result.Answer.Error ?? "unknown error";
            if (error.StartsWith("rate limit", StringComparison.Ordinal))
            {
                var now = _time.GetUtcNow();
                var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
                return (null, error, retryAfter is { } wait ? now + wait : nextHour);
            }

            return (null, error, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body!, new JsonDocumentOptions { MaxDepth = 64 });
            var listName = timeline == WeiboTimeline.StatusMentions ? "statuses" : "comments";
            if (!document.RootElement.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return (null, $"the answer has no '{listName}' array", null);
            }

            return (list.EnumerateArray().Select(i => (WeiboMapper.Id(i), WeiboMapper.Map(i, timeline))).ToList(), null, null);
        }
        catch (Exception ex) when (ex is JsonException or EcrmException or InvalidOperationException)
        {
            return (null, "malformed answer: " + ex.Message, null);
        }
    }

    /// <summary>Reads a Weibo answer: 2xx success; <c>error_code</c> (a number or a string) decides the rest.</summary>
    internal static ProviderAnswer Classify(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return ProviderAnswer.Success(status);
        }

        var (code, text) = ErrorOf(body);
        return code switch
        {
            10022 or 10023 or 10024 => ProviderAnswer.Reject(status, $"rate limit {code}: {text}"),
            10001 or 10002 => ProviderAnswer.Retry(status, $"error {code}: {text}"),
            >= 21300 and < 21400 => ProviderAnswer.Reject(status, $"token error {code}: {text}; re-authorise the account"),
            0 when ProviderAnswer.IsRetryable(response.StatusCode) => ProviderAnswer.Retry(status, $"HTTP {status}"),
            _ => ProviderAnswer.Reject(status, $"error {code}: {text}"),
        };
    }

    private static (int Code, string? Text) ErrorOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error_code", out var c))
            {
                return (0, null);
            }

            var code = c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n
                : c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                : 0;
            return (code, root.TryGetProperty("error", out var e) ? e.ToString() : null);
        }
        catch (JsonException)
        {
            return (0, null);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Weibo {Timeline} rate limited until {Until}: {Error}; nothing skipped, the next poll resumes from the same cursor")]
    private static partial void RateLimited(ILogger logger, WeiboTimeline timeline, DateTimeOffset until, string? error);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "Weibo {Timeline} poll failed: {Error}")]
    private static partial void PollFailed(ILogger logger, WeiboTimeline timeline, string error);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Weibo {Timeline}: more than {Items} items since the last poll; poll more often, Weibo serves only about 1,000 deep")]
    private static partial void DepthReached(ILogger logger, WeiboTimeline timeline, int items);
}
