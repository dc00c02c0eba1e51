using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.WeChat.Api;

/// <summary>
/// The account's access token, as the central token service WeChat asks for (spec §2.1-2.2): cached, refreshed
/// <see cref="WeChatApiOptions.RefreshBeforeExpiry"/> before it expires, one refresh at a time however many callers
/// need it (the others wait for that refresh), and refreshed again when a call reports it invalid. With
/// <c>stable_token</c> a normal refresh returns the current token; if WeChat still hands back the token a call just
/// rejected, one forced refresh follows (WeChat allows 20 a day, 30 s apart).
/// </summary>
public sealed partial class WeChatAccessTokens : IDisposable
{
    private readonly WeChatApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProviderCall _call;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;
    private int _refreshes;

    /// <summary>Initializes the token service.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The credentials (validated here).</param>
    /// <param name="time">The clock for expiry.</param>
    /// <param name="logger">The logger.</param>
    public WeChatAccessTokens(IHttpClientFactory clients, IOptions<WeChatApiOptions> options, TimeProvider time, ILogger<WeChatAccessTokens>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _call = new ProviderCall("wechat-token", () => clients.CreateClient(WeChatApiClient.HttpClientName), _options, time, logger);
    }

    /// <summary>Gets how many times a token was fetched from WeChat.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Gets a valid token, fetching one when none is cached or the cached one is about to expire.</summary>
    /// <param name="cancellationToken">A token to cancel waiting.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="WeChatApiException">WeChat refused the credentials, or could not be reached.</exception>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } token && _time.GetUtcNow() < token.RefreshAt)
        {
            return token.Value;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && _time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Value; // another caller refreshed it while this one waited
            }

            return (_current = await FetchAsync(force: false, cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Reports that WeChat rejected a token (40001, 40014, 42001): the next caller gets a new one.</summary>
    /// <param name="rejected">The token that was rejected.</param>
    /// <param name="cancellationToken">A token to cancel waiting.</param>
    /// <returns>The new token.</returns>
    /// <exception cref="WeChatApiException">WeChat refused the credentials, or could not be reached.</exception>
    public async ValueTask<string> RenewAsync(string rejected, CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && current.Value != rejected && _time.GetUtcNow() < current.RefreshAt)
            {
                return current.Value; // already renewed by another caller
            }

            var renewed = await FetchAsync(force: false, cancellationToken).ConfigureAwait(false);
            if (renewed.Value == rejected && _options.UseStableToken && _time.GetUtcNow() - _lastForced >= TimeSpan.FromSeconds(30))
            {
                _lastForced = _time.GetUtcNow();
                renewed = await FetchAsync(force: true, cancellationToken).ConfigureAwait(false);
            }

            _current = renewed;
            return renewed.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _call.Dispose();
        _refresh.Dispose();
    }

    private async Task<CachedToken> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        string? token = null;
        var expiresIn = 0;
        var path = _options.UseStableToken ? "cgi-bin/stable_token" : "cgi-bin/token";
        var result = await _call.SendAsync(
            () =>
            {
                if (!_options.UseStableToken)
                {
                    var query = $"?grant_type=client_credential&appid={Uri.EscapeDataString(_options.AppId!)}&secret={Uri.EscapeDataString(_options.AppSecret!)}";
                    return new HttpRequestMessage(HttpMethod.Get, new Uri(_options.BaseAddress, path + query));
                }

                var body = JsonSerializer.Serialize(new StableTokenRequest("client_credential", _options.AppId!, _options.AppSecret!, force), WeChatJsonContext.Default.StableTokenRequest);
                return new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseAddress, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            },
            (response, body) =>
            {
                var answer = WeChatApiClient.Classify(response, body, _time, out var root);
                if (answer.Kind == AnswerKind.Success)
                {
                    token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 0;
                    if (string.IsNullOrEmpty(token) || expiresIn <= 0)
                    {
                        return ProviderAnswer.Reject((int)response.StatusCode, "the token answer has no access_token or expires_in");
                    }
                }

                return answer;
            },
            RepeatSafety.Safe,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new WeChatApiException(path, WeChatApiClient.ErrorCodeOf(result.Answer), result.Answer.Error);
        }

        Interlocked.Increment(ref _refreshes);
        var now = _time.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(expiresIn);
        var margin = lifetime > _options.RefreshBeforeExpiry * 2 ? _options.RefreshBeforeExpiry : lifetime / 2;
        Fetched(_logger, path, force, expiresIn);
        return new CachedToken(token!, now + lifetime - margin);
    }

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "WeChat access token fetched from {Path} (forced: {Forced}), valid for {Seconds} s")]
    private static partial void Fetched(ILogger logger, string path, bool forced, int seconds);

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}

/// <summary>The body of <c>/cgi-bin/stable_token</c>.</summary>
internal sealed record StableTokenRequest(
    [property: System.Text.Json.Serialization.JsonPropertyName("grant_type")] string GrantType,
    [property: System.Text.Json.Serialization.JsonPropertyName("appid")] string AppId,
    [property: System.Text.Json.Serialization.JsonPropertyName("secret")] string Secret,
    [property: System.Text.Json.Serialization.JsonPropertyName("force_refresh")] bool ForceRefresh);
