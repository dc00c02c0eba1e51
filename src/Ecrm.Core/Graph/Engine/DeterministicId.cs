using System.Security.Cryptography;
using System.Text;

namespace Ecrm.Graph.Engine;

/// <summary>
/// Ids derived from the events that caused them, so that the same events always give the same ids whatever their
/// arrival order, and ids reveal no personal data. SHA-256, 128 bits, lowercase base32.
/// </summary>
internal static class DeterministicId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Create(string prefix, string a, string b, string c = "")
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(a.Length + b.Length + c.Length + 2);
        var buffer = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var n = Encoding.UTF8.GetBytes(a, buffer);
        buffer[n++] = 0x1f;
        n += Encoding.UTF8.GetBytes(b, buffer[n..]);
        buffer[n++] = 0x1f;
        n += Encoding.UTF8.GetBytes(c, buffer[n..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..n], hash);
        return string.Create(prefix.Length + 26, (prefix, hash.ToArray()), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            var bits = 0;
            var acc = 0;
            var i = state.prefix.Length;
            var byteIndex = 0;
            while (i < span.Length)
            {
                if (bits < 5)
                {
                    acc = (acc << 8) | state.Item2[byteIndex++];
                    bits += 8;
                }

                span[i++] = Alphabet[(acc >> (bits - 5)) & 31];
                bits -= 5;
            }
        });
    }
}
