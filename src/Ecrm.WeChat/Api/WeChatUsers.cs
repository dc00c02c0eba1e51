using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Ecrm.WeChat.Api;

/// <summary>
/// Follower information (spec §2.6): one user, many users (batches of 100 through <c>user/info/batchget</c>), and
/// enrichment of the customer graph: each follower's openid linked to their unionid, so the customer who follows the
/// account and the one who logs in with WeChat elsewhere (a mini program, the website) become one.
/// </summary>
public sealed partial class WeChatUsers
{
    /// <summary>The largest batch <c>user/info/batchget</c> takes.</summary>
    public const int BatchSize = 100;

    private readonly WeChatApiClient _api;
    private readonly ICustomerGraph _graph;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes the service.</summary>
    /// <param name="api">The API client.</param>
    /// <param name="graph">The customer graph enrichment writes to.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public WeChatUsers(WeChatApiClient api, ICustomerGraph graph, TimeProvider time, ILogger<WeChatUsers>? logger = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>Gets one follower's information.</summary>
    /// <param name="openId">The openid.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The information (with <see cref="WeChatUser.Subscribed"/> false for someone who does not follow).</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error (40003 for an unknown openid), or could not be reached.</exception>
    public async Task<WeChatUser> GetAsync(string openId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        using var answer = await _api.RequireAsync(HttpMethod.Get, "cgi-bin/user/info", new Dictionary<string, string> { ["openid"] = openId, ["lang"] = "zh_CN" }, null, cancellationToken).ConfigureAwait(false);
        return Read(answer.RootElement, openId);
    }

    /// <summary>Gets many followers' information, 100 per call.</summary>
    /// <param name="openIds">The openids.</param>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>The information, in the order WeChat returned it.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached.</exception>
    public async Task<IReadOnlyList<WeChatUser>> GetManyAsync(IEnumerable<string> openIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openIds);
        var users = new List<WeChatUser>();
        foreach (var chunk in openIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            using var answer = await _api.RequireAsync(HttpMethod.Post, "cgi-bin/user/info/batchget", null, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("user_list");
                foreach (var openId in chunk)
                {
                    w.WriteStartObject();
                    w.WriteString("openid", openId);
                    w.WriteString("lang", "zh_CN");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }, cancellationToken).ConfigureAwait(false);
            if (answer.RootElement.TryGetProperty("user_info_list", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                users.AddRange(list.EnumerateArray().Select(u => Read(u, null)));
            }
        }

        return users;
    }

    /// <summary>
    /// Looks the followers up and links each openid to its unionid in the customer graph (an idempotent event per
    /// follower and unionid, channel <c>wechat</c>, type <c>profile-update</c>). Followers without a unionid, and
    /// people who no longer follow, are skipped.
    /// </summary>
    /// <param name="openIds">The openids.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>How many openids were linked to a unionid.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached.</exception>
    public async Task<int> EnrichAsync(IEnumerable<string> openIds, CancellationToken cancellationToken = default)
    {
        var users = await GetManyAsync(openIds, cancellationToken).ConfigureAwait(false);
        var events = users
            .Where(u => u.Subscribed && !string.IsNullOrEmpty(u.UnionId))
            .Select(u => new CustomerEvent
            {
                Id = $"wechat:{_api.AppId}:unionid:{u.OpenId}:{u.UnionId}",
                Channel = EventChannel.WeChat,
                Type = EventType.FromName("profile-update"),
                OccurredAt = u.SubscribedAt ?? _time.GetUtcNow(),
                Identities = [Identity.WeChatOpenId(_api.AppId, u.OpenId), Identity.WeChatUnionId(u.UnionId!)],
            })
            .ToList();
        if (events.Count > 0)
        {
            await _graph.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
        }

        Enriched(_logger, users.Count, events.Count);
        return events.Count;
    }

    private static WeChatUser Read(JsonElement u, string? openId)
    {
        string? Text(string name) => u.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
        long? Number(string name) => u.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
        var subscribed = Number("subscribe") == 1;
        var scene = Text("qr_scene_str") ?? (Number("qr_scene") is { } id and not 0 ? id.ToString(CultureInfo.InvariantCulture) : null);
        var tags = u.TryGetProperty("tagid_list", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Number).Select(t => t.GetInt32()).ToArray()
            : [];
        return new WeChatUser(
            Text("openid") ?? openId ?? string.Empty,
            subscribed,
            Text("unionid"),
            Number("subscribe_time") is { } at and > 0 ? DateTimeOffset.FromUnixTimeSeconds(at) : null,
            Text("subscribe_scene"),
            scene,
            tags,
            Text("remark"));
    }

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "WeChat enrichment: {Users} followers looked up, {Linked} linked to a unionid")]
    private static partial void Enriched(ILogger logger, int users, int linked);
}
