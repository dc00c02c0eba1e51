using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecrm.ProviderStubs;

/// <summary>
/// Weibo Open API v2 timelines (spec §3): <c>comments/to_me</c>, <c>comments/mentions</c> and
/// <c>statuses/mentions</c>, newest first, with <c>since_id</c>, <c>max_id</c> (inclusive) and <c>count</c>; the token
/// from <c>Authorization: OAuth2</c> or <c>access_token</c>; errors as 4xx with <c>error_code</c> as a string
/// (as Weibo sometimes sends it). Rate limits (10023) and an expired token (21327) can be switched on.
/// </summary>
public sealed class WeiboStub : ProviderStub
{
    /// <summary>The token the stub accepts.</summary>
    public const string AccessToken = "2.00weibo-test-token";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, JsonObject>> _timelines = new(StringComparer.Ordinal);
    private int _rateLimitAfter = -1;

    /// <summary>Gets or sets whether the token has expired (every call answers 21327).</summary>
    public bool TokenExpired { get; set; }

    /// <summary>Gets or sets the Retry-After (seconds) sent with rate-limit answers, or null for none.</summary>
    public int? RateLimitRetryAfter { get; set; }

    /// <summary>Gets the timeline requests received.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Answers 10023 after this many more successful timeline requests (and from then on, until <see cref="ClearRateLimit"/>).</summary>
    /// <param name="requests">Requests still answered normally.</param>
    public void RateLimitAfter(int requests) => _rateLimitAfter = requests;

    /// <summary>Lifts the rate limit.</summary>
    public void ClearRateLimit() => _rateLimitAfter = -1;

    /// <summary>Adds an item (a comment or status object) to a timeline.</summary>
    /// <param name="timeline">The path, such as <c>comments/to_me</c>.</param>
    /// <param name="item">The item, with <c>id</c> and <c>idstr</c>.</param>
    public void Add(string timeline, JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _timelines.GetOrAdd(timeline, _ => new())[item["id"]!.GetValue<long>()] = item;
    }

    /// <summary>A comment in Weibo's shape (spec §3.3), on the brand's post, by a user with a follower count.</summary>
    public static JsonObject Comment(long id, long uid, string text, long followers, DateTimeOffset at, long postId = 4230466846817001) => new()
    {
        ["created_at"] = at.ToOffset(TimeSpan.FromHours(8)).ToString("ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture).Remove(23, 1),
        ["id"] = id,
        ["idstr"] = id.ToString(CultureInfo.InvariantCulture),
        ["mid"] = id.ToString(CultureInfo.InvariantCulture),
        ["text"] = text,
        ["source"] = "<a href=\"http://app.weibo.com/t/feed/6vtZb0\" rel=\"nofollow\">微博 weibo.com</a>",
        ["user"] = User(uid, followers),
        ["status"] = new JsonObject
        {
            ["created_at"] = "Thu Apr 19 10:35:57 +0800 2018",
            ["id"] = postId,
            ["idstr"] = postId.ToString(CultureInfo.InvariantCulture),
            ["text"] = "新品上市",
            ["user"] = new JsonObject { ["id"] = 1, ["idstr"] = "1", ["screen_name"] = "品牌官方", ["followers_count"] = 50000 },
        },
    };

    /// <summary>A status that mentions the brand; a repost of <paramref name="repostOf"/> when given.</summary>
    public static JsonObject Status(long id, long uid, string text, long followers, DateTimeOffset at, long? repostOf = null)
    {
        var status = new JsonObject
        {
            ["created_at"] = at.ToOffset(TimeSpan.FromHours(8)).ToString("ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture).Remove(23, 1),
            ["id"] = id,
            ["idstr"] = id.ToString(CultureInfo.InvariantCulture),
            ["text"] = text,
            ["reposts_count"] = 0,
            ["comments_count"] = 0,
            ["user"] = User(uid, followers),
        };
        if (repostOf is { } original)
        {
            status["retweeted_status"] = new JsonObject
            {
                ["id"] = original,
                ["idstr"] = original.ToString(CultureInfo.InvariantCulture),
                ["text"] = "原帖",
                ["user"] = new JsonObject { ["id"] = 1, ["idstr"] = "1", ["screen_name"] = "品牌官方", ["followers_count"] = 50000 },
            };
        }

        return status;
    }

    private static JsonObject User(long uid, long followers) => new()
    {
        ["id"] = uid,
        ["idstr"] = uid.ToString(CultureInfo.InvariantCulture),
        ["screen_name"] = "用户" + uid.ToString(CultureInfo.InvariantCulture),
        ["name"] = "用户" + uid.ToString(CultureInfo.InvariantCulture),
        ["province"] = "44",
        ["city"] = "1",
        ["location"] = "广东 广州",
        ["gender"] = uid % 2 == 0 ? "f" : "m",
        ["followers_count"] = followers,
        ["friends_count"] = 1652,
        ["statuses_count"] = 67967,
        ["verified"] = false,
        ["created_at"] = "Sun May 16 17:09:06 +0800 2010",
    };

    /// <inheritdoc />
    protected override void Map(WebApplication app) => app.MapGet("/2/{kind}/{name}.json", (HttpContext context, string kind, string name) =>
    {
        var timeline = kind + "/" + name;
        var query = context.Request.Query;
        Log.Enqueue(timeline + context.Request.QueryString);
        var auth = context.Request.Headers.Authorization.ToString();
        if (auth != "OAuth2 " + AccessToken && query["access_token"] != AccessToken)
        {
            return Error(context, 403, timeline, "21332", "invalid_access_token");
        }

        if (TokenExpired)
        {
            return Error(context, 403, timeline, "21327", "expired_token");
        }

        if (_rateLimitAfter == 0)
        {
            if (RateLimitRetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return Error(context, 403, timeline, "10023", "User requests out of rate limit!");
        }

        return WithFaults(context, () =>
        {
            if (_rateLimitAfter > 0)
            {
                _rateLimitAfter--;
            }

            long Number(string key, long fallback) => long.TryParse(query[key], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
            var since = Number("since_id", 0);
            var max = Number("max_id", long.MaxValue);
            var count = (int)Math.Min(Number("count", 50), 200);
            var items = _timelines.TryGetValue(timeline, out var all)
                ? all.Where(p => p.Key > since && p.Key <= max).OrderByDescending(p => p.Key).Take(count).Select(p => p.Value.DeepClone()).ToArray()
                : [];
            var listName = kind == "statuses" ? "statuses" : "comments";
            var answer = new JsonObject { [listName] = new JsonArray(items), ["hasvisible"] = false, ["previous_cursor"] = 0, ["next_cursor"] = 0, ["total_number"] = all?.Count ?? 0 };
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(answer.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }, c => Error(c, 500, timeline, "10001", "System error"));
    });

    private static Task Error(HttpContext context, int status, string timeline, string code, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { request = $"/2/{timeline}.json", error_code = code, error = text }));
    }
}
