using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecrm.ProviderStubs;

/// <summary>
/// The official account's server API (spec §2): tokens from <c>stable_token</c> (the same token again in normal mode,
/// a new one when forced or after expiry) and <c>token</c>; every call checks <c>access_token</c> (40014 unknown, 42001
/// expired); errors are HTTP 200 with <c>errcode</c>; bodies with <c>\u</c> escapes are refused (40033).
/// Customer-service and template messages (template repeats recognised by <c>client_msg_id</c>), user info and
/// batchget, tags (create, get, members paged, batch tagging of at most 50).
/// </summary>
public sealed class WeChatApiStub : ProviderStub
{
    /// <summary>The AppID the stub serves.</summary>
    public const string AppId = "wx134c8103faa5a59e";

    /// <summary>The AppSecret it accepts.</summary>
    public const string AppSecret = "stub-app-secret";

    private readonly ConcurrentDictionary<string, byte> _validTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _expiredTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _templateIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (string Name, ConcurrentDictionary<string, byte> Members)> _tags = new();
    private readonly Lock _tokenGate = new();
    private string? _stableToken;
    private int _tokensIssued;
    private long _msgIds = 200_000_000;
    private int _nextTag = 100;

    /// <summary>Gets the followers: openid → unionid (null when the account is not bound to the Open Platform).</summary>
    public ConcurrentDictionary<string, string?> Followers { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the openids outside the 48-hour customer-service window (answered 45015).</summary>
    public ConcurrentDictionary<string, byte> OutsideWindow { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how long issuing a token takes (to let concurrent callers pile up).</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>Gets or sets how many openids one page of tag members holds.</summary>
    public int TagPageSize { get; set; } = 10_000;

    /// <summary>Gets how many tokens were issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Gets the tag calls received (path → count).</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Expires every token issued so far (calls with them get 42001).</summary>
    public void ExpireTokens()
    {
        lock (_tokenGate)
        {
            foreach (var token in _validTokens.Keys)
            {
                _expiredTokens[token] = 0;
            }

            _validTokens.Clear();
            _stableToken = null;
        }
    }

    /// <summary>Gets the members of a tag by name.</summary>
    /// <param name="name">The tag's name.</param>
    /// <returns>The openids, or none.</returns>
    public IReadOnlyCollection<string> TagMembers(string name) => _tags.Values.FirstOrDefault(t => t.Name == name).Members?.Keys.ToArray() ?? [];

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapPost("/cgi-bin/stable_token", StableToken);
        app.MapGet("/cgi-bin/token", Token);
        app.MapMethods("/cgi-bin/{**path}", ["GET", "POST"], Api);
    }

    private async Task StableToken(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        var root = body.RootElement;
        if (root.GetProperty("appid").GetString() != AppId)
        {
            await Error(context, 40013, "invalid appid").ConfigureAwait(false);
            return;
        }

        if (root.GetProperty("secret").GetString() != AppSecret)
        {
            await Error(context, 40125, "invalid appsecret").ConfigureAwait(false);
            return;
        }

        await Task.Delay(TokenDelay).ConfigureAwait(false);
        string token;
        lock (_tokenGate)
        {
            if (_stableToken is null || (root.TryGetProperty("force_refresh", out var force) && force.GetBoolean()))
            {
                if (_stableToken is not null)
                {
                    _validTokens.TryRemove(_stableToken, out _);
                    _expiredTokens[_stableToken] = 0;
                }

                _stableToken = Issue();
            }

            token = _stableToken;
        }

        await Json(context, new { access_token = token, expires_in = 7200 }).ConfigureAwait(false);
    }

    private async Task Token(HttpContext context)
    {
        if (context.Request.Query["appid"] != AppId || context.Request.Query["secret"] != AppSecret)
        {
            await Error(context, 40013, "invalid appid").ConfigureAwait(false);
            return;
        }

        await Task.Delay(TokenDelay).ConfigureAwait(false);
        string token;
        lock (_tokenGate)
        {
            token = Issue();
        }

        await Json(context, new { access_token = token, expires_in = 7200 }).ConfigureAwait(false);
    }

    private string Issue()
    {
        var token = "TOKEN-" + Interlocked.Increment(ref _tokensIssued).ToString(CultureInfo.InvariantCulture) + new string('x', 500);
        _validTokens[token] = 0;
        return token;
    }

    private async Task Api(HttpContext context, string path)
    {
        Calls.AddOrUpdate(path, 1, (_, n) => n + 1);
        var token = context.Request.Query["access_token"].ToString();
        if (_expiredTokens.ContainsKey(token))
        {
            await Error(context, 42001, "access_token expired rid: 5f3ded7d-22929d02-4ba1f5f6").ConfigureAwait(false);
            return;
        }

        if (!_validTokens.ContainsKey(token))
        {
            await Error(context, 40014, "invalid access_token").ConfigureAwait(false);
            return;
        }

        JsonDocument? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (text.Contains("\\u", StringComparison.Ordinal))
            {
                await Error(context, 40033, "不合法的请求字符，不能包含\\uxxxx格式的字符").ConfigureAwait(false);
                return;
            }

            try
            {
                body = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                await Error(context, 47001, "data format error").ConfigureAwait(false);
                return;
            }
        }

        using (body)
        {
            var root = body?.RootElement ?? default;
            switch (path)
            {
                case "message/custom/send":
                    await WithFaults(context, () => CustomSend(context, root), c => Error(c, -1, "system error")).ConfigureAwait(false);
                    return;
                case "message/template/send":
                    await WithFaults(context, () => TemplateSend(context, root), c => Error(c, -1, "system error")).ConfigureAwait(false);
                    return;
                case "user/info":
                    await UserInfo(context, context.Request.Query["openid"].ToString()).ConfigureAwait(false);
                    return;
                case "user/info/batchget":
                    await Json(context, new { user_info_list = root.GetProperty("user_list").EnumerateArray().Select(u => User(u.GetProperty("openid").GetString()!)).ToArray() }).ConfigureAwait(false);
                    return;
                case "tags/get":
                    await Json(context, new { tags = _tags.OrderBy(t => t.Key).Select(t => new { id = t.Key, name = t.Value.Name, count = t.Value.Members.Count }).ToArray() }).ConfigureAwait(false);
                    return;
                case "tags/create":
                    await CreateTag(context, root.GetProperty("tag").GetProperty("name").GetString()!).ConfigureAwait(false);
                    return;
                case "user/tag/get":
                    await TagMembers(context, root).ConfigureAwait(false);
                    return;
                case "tags/members/batchtagging":
                case "tags/members/batchuntagging":
                    await Tagging(context, root, path.EndsWith("batchtagging", StringComparison.Ordinal) && !path.EndsWith("untagging", StringComparison.Ordinal)).ConfigureAwait(false);
                    return;
                default:
                    await Error(context, 48001, "api unauthorized").ConfigureAwait(false);
                    return;
            }
        }
    }

    private Task CustomSend(HttpContext context, JsonElement root)
    {
        var to = root.GetProperty("touser").GetString()!;
        if (OutsideWindow.ContainsKey(to))
        {
            return Error(context, 45015, "response out of time limit or subscription is canceled rid: 5f3ded7d-22929d02-4ba1f5f6");
        }

        if (root.GetProperty("msgtype").GetString() != "text" || root.GetProperty("text").GetProperty("content").GetString() is not { Length: > 0 } content)
        {
            return Error(context, 40008, "invalid message type");
        }

        Record($"cs:{to}:{content}");
        return Error(context, 0, "ok");
    }

    private Task TemplateSend(HttpContext context, JsonElement root)
    {
        var to = root.GetProperty("touser").GetString()!;
        if (!root.TryGetProperty("template_id", out var template) || template.GetString() is not { Length: > 0 })
        {
            return Error(context, 40037, "invalid template_id");
        }

        var clientId = root.TryGetProperty("client_msg_id", out var c) ? c.GetString()! : Guid.NewGuid().ToString();
        var msgId = _templateIds.GetOrAdd(clientId, _ =>
        {
            Record($"tpl:{to}:{clientId}");
            return Interlocked.Increment(ref _msgIds);
        });
        return Json(context, new { errcode = 0, errmsg = "ok", msgid = msgId });
    }

    private Task UserInfo(HttpContext context, string openId) => Followers.ContainsKey(openId) || openId.StartsWith("gone-", StringComparison.Ordinal)
        ? Json(context, User(openId))
        : Error(context, 40003, "invalid openid");

    private object User(string openId) => Followers.TryGetValue(openId, out var unionId)
        ? unionId is null
            ? new Dictionary<string, object> { ["subscribe"] = 1, ["openid"] = openId, ["nickname"] = "", ["sex"] = 0, ["language"] = "zh_CN", ["subscribe_time"] = 1382694957, ["remark"] = "", ["groupid"] = 0, ["tagid_list"] = new[] { 2 }, ["subscribe_scene"] = "ADD_SCENE_SEARCH", ["qr_scene"] = 0, ["qr_scene_str"] = "" }
            : new Dictionary<string, object> { ["subscribe"] = 1, ["openid"] = openId, ["nickname"] = "", ["sex"] = 0, ["language"] = "zh_CN", ["subscribe_time"] = 1382694957, ["unionid"] = unionId, ["remark"] = "", ["groupid"] = 0, ["tagid_list"] = new[] { 128, 2 }, ["subscribe_scene"] = "ADD_SCENE_QR_CODE", ["qr_scene"] = 98765, ["qr_scene_str"] = "" }
        : new Dictionary<string, object> { ["subscribe"] = 0, ["openid"] = openId };

    private Task CreateTag(HttpContext context, string name)
    {
        if (Encoding.UTF8.GetByteCount(name) > 90 || name.Length > 30)
        {
            return Error(context, 45158, "tag name too long");
        }

        lock (_tags)
        {
            if (_tags.Values.Any(t => t.Name == name))
            {
                return Error(context, 45157, "invalid tag name");
            }

            var id = Interlocked.Increment(ref _nextTag);
            _tags[id] = (name, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
            return Json(context, new { tag = new { id, name } });
        }
    }

    private Task TagMembers(HttpContext context, JsonElement root)
    {
        if (!_tags.TryGetValue(root.GetProperty("tagid").GetInt32(), out var tag))
        {
            return Error(context, 45159, "invalid tag id");
        }

        var after = root.TryGetProperty("next_openid", out var n) ? n.GetString() ?? string.Empty : string.Empty;
        var page = tag.Members.Keys.Order(StringComparer.Ordinal).Where(o => string.CompareOrdinal(o, after) > 0).Take(TagPageSize).ToArray();
        return page.Length == 0
            ? Json(context, new { count = 0, next_openid = "" })
            : Json(context, new { count = page.Length, data = new { openid = page }, next_openid = page[^1] });
    }

    private Task Tagging(HttpContext context, JsonElement root, bool add)
    {
        if (!_tags.TryGetValue(root.GetProperty("tagid").GetInt32(), out var tag))
        {
            return Error(context, 45159, "invalid tag id");
        }

        var list = root.GetProperty("openid_list").EnumerateArray().Select(o => o.GetString()!).ToArray();
        if (list.Length is 0 or > 50)
        {
            return Error(context, 40032, "invalid openid list size");
        }

        foreach (var openId in list)
        {
            if (add)
            {
                tag.Members[openId] = 0;
            }
            else
            {
                tag.Members.TryRemove(openId, out _);
            }
        }

        return Error(context, 0, "ok");
    }

    private static Task Error(HttpContext context, int code, string message) => Json(context, new { errcode = code, errmsg = message });

    private static Task Json(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
