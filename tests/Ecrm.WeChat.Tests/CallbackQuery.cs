namespace Ecrm.WeChat.Tests;

/// <summary>Builds callback queries signed with the tests' Token (AAAAA), as WeChat signs them.</summary>
internal static class CallbackQuery
{
    public static Dictionary<string, string> Signed(string timestamp, string nonce, params (string Key, string Value)[] more)
    {
        var query = new Dictionary<string, string> { ["signature"] = WeChatCrypto.Signature("AAAAA", timestamp, nonce), ["timestamp"] = timestamp, ["nonce"] = nonce };
        foreach (var (k, v) in more)
        {
            query[k] = v;
        }

        return query;
    }
}
