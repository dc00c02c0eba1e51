namespace Ecrm.WeChat.Api;

/// <summary>The WeChat global error codes the client acts on (spec §2.3).</summary>
public static class WeChatErrorCodes
{
    /// <summary>System busy: back off and retry.</summary>
    public const int Busy = -1;

    /// <summary>Bad AppSecret or invalid token.</summary>
    public const int InvalidCredential = 40001;

    /// <summary>Invalid access_token.</summary>
    public const int InvalidAccessToken = 40014;

    /// <summary>access_token expired.</summary>
    public const int AccessTokenExpired = 42001;

    /// <summary>API called too often (a delayed retry may work).</summary>
    public const int TooFrequent = 45011;

    /// <summary>Outside the 48-hour customer-service window, or the user unfollowed.</summary>
    public const int ReplyTimeLimit = 45015;

    /// <summary>Whether a code means the token must be refreshed and the call retried once.</summary>
    /// <param name="code">The errcode.</param>
    /// <returns><see langword="true"/> for 40001, 40014 and 42001.</returns>
    public static bool IsTokenError(int code) => code is InvalidCredential or InvalidAccessToken or AccessTokenExpired;
}
