namespace Ecrm.WeChat;

/// <summary>What to answer WeChat.</summary>
/// <param name="StatusCode">200, or 400 / 401 / 405 / 413 for refused requests.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
/// <param name="Body">The echostr for a verification, <c>success</c> for a message (WeChat then neither retries nor shows an error), or the refusal reason.</param>
public sealed record WeChatResponse(int StatusCode, string ContentType, string Body)
{
    internal static WeChatResponse Text(int status, string body) => new(status, "text/plain; charset=utf-8", body);
}
