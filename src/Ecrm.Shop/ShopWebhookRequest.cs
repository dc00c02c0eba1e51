namespace Ecrm.Shop;

/// <summary>An inbound webhook request as any host sees it: the method, the headers (any case) and the raw body.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">The headers; names are matched case-insensitively.</param>
/// <param name="Body">The raw body bytes, exactly as received (the signature covers them).</param>
public sealed record ShopWebhookRequest(string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Gets a header's value, whatever the case of its name.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or null.</returns>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
