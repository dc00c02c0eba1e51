using System.Security.Cryptography;
using System.Text;

namespace Ecrm.Messaging.Sms;

/// <summary>
/// Aliyun's RPC signature, version 1.0 (HMAC-SHA1), as used by SendSms: parameters sorted by name (ordinal),
/// names and values percent-encoded (RFC 3986: only <c>A-Za-z0-9-_.~</c> stay as they are, UTF-8), joined as
/// <c>k=v&amp;...</c>; the string to sign is <c>METHOD&amp;%2F&amp;</c> + the encoded query; the key is the secret plus
/// <c>&amp;</c>. Both official vectors of the spec (§5.1) are tests.
/// </summary>
public static class AliyunRpcSignature
{
    /// <summary>Computes the signature of a request.</summary>
    /// <param name="method">GET or POST.</param>
    /// <param name="parameters">Every parameter except <c>Signature</c>.</param>
    /// <param name="accessKeySecret">The AccessKey secret (case-sensitive).</param>
    /// <returns>The Base64 signature (not yet URL-encoded).</returns>
    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(accessKeySecret);
        var canonical = CanonicalQuery(parameters);
        var stringToSign = method.ToUpperInvariant() + "&" + PercentEncode("/") + "&" + PercentEncode(canonical);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>The sorted, percent-encoded query (without the signature).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The canonical query string.</returns>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));
    }

    /// <summary>Percent-encodes UTF-8 text the way Aliyun signs it (RFC 3986 unreserved characters kept; space is %20).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The encoded text.</returns>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 15]);
            }
        }

        return builder.ToString();
    }

    private const string HexUpper = "0123456789ABCDEF";
}
