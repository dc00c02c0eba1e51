namespace Ecrm.WeChat.Api;

/// <summary>A WeChat server API call failed: WeChat answered an error code, or every retry failed.</summary>
public sealed class WeChatApiException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="api">The API path.</param>
    /// <param name="errorCode">WeChat's <c>errcode</c> (0 when the failure was not an answer from WeChat).</param>
    /// <param name="detail">WeChat's <c>errmsg</c> or the transport error.</param>
    public WeChatApiException(string api, int errorCode, string? detail)
        : base($"WeChat API {api}: expected errcode 0, received {errorCode} ({detail}).")
    {
        Api = api;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the API path that failed.</summary>
    public string Api { get; }

    /// <summary>Gets WeChat's error code (0 when WeChat gave none, such as after a timeout).</summary>
    public int ErrorCode { get; }
}
