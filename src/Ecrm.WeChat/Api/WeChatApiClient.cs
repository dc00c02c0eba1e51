using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.WeChat.Api;

/// <summary>
/// Calls the official account's server API (spec §2) with the cached access token and the resilience of
/// <see cref="ProviderCall"/>. WeChat answers errors as HTTP 200 with <c>errcode</c>: 0 (or none) is success; -1
/// (busy) and 45011 (too frequent) are retried with backoff; 40001, 40014 and 42001 renew the token and retry once;
/// every other code fails the call with <see cref="WeChatApiException"/> naming it. Request bodies are UTF-8 JSON
/// without <c>\u</c> escapes (WeChat refuses them with 40033).
/// </summary>
public sealed class WeChatApiClient : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the client asks the factory for.</summary>
    public const string HttpClientName = "ecrm-wechat-api";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WeChatApiOptions _options;
    private readonly WeChatAccessTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ProviderCall _call;

    /// <summary>Initializes the client.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The credentials and resilience settings (validated here).</param>
    /// <param name="tokens">The token service.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public WeChatApiClient(IHttpClientFactory clients, IOptions<WeChatApiOptions> options, WeChatAccessTokens tokens, TimeProvider time, ILogger<WeChatApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _options.Validate();
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _call = new ProviderCall("wechat-api", () => clients.CreateClient(HttpClientName), _options, time, logger);
    }

    /// <summary>Gets the AppID the client calls for.</summary>
    public string AppId => _options.AppId!;

    /// <summary>Calls an API and returns the outcome (for senders, which turn it into a receipt) and the answer's JSON.</summary>
    /// <param name="method">GET or POST.</param>
    /// <param name="path">The path, such as <c>cgi-bin/message/custom/send</c>.</param>
    /// <param name="query">Extra query parameters (escaped here), or <see langword="null"/>.</param>
    /// <param name="body">Writes the JSON body of a POST, or <see langword="null"/>.</param>
    /// <param name="safety">Whether an attempt whose answer is lost may be repeated.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome, and the answer's JSON when one arrived (the caller disposes it).</returns>
    public async Task<(ProviderCallResult Result, JsonDocument? Answer)> CallAsync(
        HttpMethod method,
        string path,
        IReadOnlyDictionary<string, string>? query,
        Action<Utf8JsonWriter>? body,
        RepeatSafety safety,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[]? json = null;
        if (body is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                body(writer);
            }

            json = buffer.ToArray();
        }

        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var renewed = false; ; renewed = true)
        {
            byte[]? answer = null;
            var usedToken = token;
            var result = await _call.SendAsync(
                () =>
                {
                    var uri = new Uri(_options.BaseAddress, path + "?access_token=" + Uri.EscapeDataString(usedToken)
                        + string.Concat((query ?? new Dictionary<string, string>()).Select(q => "&" + Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value))));
                    var request = new HttpRequestMessage(method, uri);
                    if (json is not null)
                    {
                        request.Content = new ByteArrayContent(json);
                        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                    }

                    return request;
                },
                (response, bytes) =>
                {
                    answer = bytes;
                    return Classify(response, bytes, _time, out _);
                },
                safety,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!renewed && WeChatErrorCodes.IsTokenError(ErrorCodeOf(result.Answer)))
            {
                token = await _tokens.RenewAsync(usedToken, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return (result, answer is { Length: > 0 } && result.Answer.StatusCode != 0 ? TryParse(answer) : null);
        }
    }

    /// <summary>Calls an API that must succeed and returns its JSON answer.</summary>
    /// <param name="method">GET or POST.</param>
    /// <param name="path">The path.</param>
    /// <param name="query">Extra query parameters, or <see langword="null"/>.</param>
    /// <param name="body">Writes the JSON body of a POST, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The answer (the caller disposes it).</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error code, or every retry failed.</exception>
    public async Task<JsonDocument> RequireAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string>? query, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken = default)
    {
        var (result, answer) = await CallAsync(method, path, query, body, RepeatSafety.Safe, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || answer is null)
        {
            answer?.Dispose();
            throw new WeChatApiException(path, ErrorCodeOf(result.Answer), result.Answer.Error ?? "no JSON answer");
        }

        return answer;
    }

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();

    /// <summary>Reads a WeChat answer: HTTP status first, then <c>errcode</c>.</summary>
    internal static ProviderAnswer Classify(HttpResponseMessage response, byte[] body, TimeProvider time, out JsonElement root)
    {
        root = default;
        if (!response.IsSuccessStatusCode)
        {
            return ProviderAnswer.FromStatus(response, null, time);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ProviderAnswer.Reject((int)response.StatusCode, "the answer is not JSON: " + ex.Message);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return ProviderAnswer.Reject((int)response.StatusCode, "the answer is not a JSON object");
        }

        var code = root.TryGetProperty("errcode", out var c) && c.TryGetInt32(out var n) ? n : 0;
        if (code == 0)
        {
            return ProviderAnswer.Success((int)response.StatusCode, root.TryGetProperty("msgid", out var id) ? id.ToString() : null);
        }

        var error = $"errcode {code.ToString(CultureInfo.InvariantCulture)}: {(root.TryGetProperty("errmsg", out var m) ? m.ToString() : string.Empty)}";
        return code is WeChatErrorCodes.Busy or WeChatErrorCodes.TooFrequent
            ? ProviderAnswer.Retry((int)response.StatusCode, error)
            : ProviderAnswer.Reject((int)response.StatusCode, error);
    }

    /// <summary>The errcode an answer carries (0 when it came from elsewhere).</summary>
    internal static int ErrorCodeOf(ProviderAnswer answer) =>
        answer.Error is { } e && e.StartsWith("errcode ", StringComparison.Ordinal)
        && int.TryParse(e.AsSpan(8, e.IndexOf(':', StringComparison.Ordinal) - 8), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? code
            : 0;

    private static JsonDocument? TryParse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
