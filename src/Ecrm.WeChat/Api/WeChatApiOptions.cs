using Ecrm.Outbound;

namespace Ecrm.WeChat.Api;

/// <summary>The official account's server API credentials and the calls' resilience settings.</summary>
public sealed class WeChatApiOptions : OutboundResilienceOptions
{
    /// <summary>Gets or sets the account's AppID. Required.</summary>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the AppSecret. Required.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Gets or sets the API base. Default <c>https://api.weixin.qq.com/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.weixin.qq.com/");

    /// <summary>
    /// Gets or sets whether tokens come from <c>/cgi-bin/stable_token</c> (recommended: a repeat call returns the same
    /// token, so several instances do not invalidate each other) rather than <c>/cgi-bin/token</c>. Default true.
    /// </summary>
    public bool UseStableToken { get; set; } = true;

    /// <summary>Gets or sets how long before expiry a token is refreshed. Default 5 minutes.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets whether WeChat recognises a repeated template message by its <c>client_msg_id</c> (spec §2.5, [S]:
    /// the field is in the SDK models, WeChat's handling of repeats is not documented). When true, template sends whose
    /// answer is lost are repeated with the same id; when false they are reported unconfirmed. Default true.
    /// </summary>
    public bool TemplateRepeatsRecognised { get; set; } = true;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppId) || string.IsNullOrWhiteSpace(AppSecret))
        {
            throw new EcrmException($"WeChatApiOptions: expected AppId and AppSecret, received '{AppId}' and {(string.IsNullOrWhiteSpace(AppSecret) ? "no secret" : "a secret")}.");
        }

        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new EcrmException($"WeChatApiOptions.BaseAddress: expected an absolute http or https URL, received '{BaseAddress}'.");
        }

        if (RefreshBeforeExpiry < TimeSpan.Zero || RefreshBeforeExpiry > TimeSpan.FromMinutes(60))
        {
            throw new EcrmException($"WeChatApiOptions.RefreshBeforeExpiry: expected 0 to 60 minutes, received {RefreshBeforeExpiry}.");
        }

        ValidateResilience(nameof(WeChatApiOptions));
    }
}
