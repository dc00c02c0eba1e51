namespace Ecrm.WeChat;

/// <summary>A callback request as any host sees it: the method, the query parameters and the raw body.</summary>
/// <param name="Method">GET (URL verification) or POST (messages and events).</param>
/// <param name="Query">The query parameters (signature, timestamp, nonce, echostr, encrypt_type, msg_signature, openid).</param>
/// <param name="Body">The raw body.</param>
public sealed record WeChatRequest(string Method, IReadOnlyDictionary<string, string> Query, byte[] Body)
{
    internal string? Get(string name) => Query.TryGetValue(name, out var v) ? v : null;
}
