using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ecrm.WeChat;

/// <summary>
/// WeChat's callback cryptography: SHA-1 signatures over the ordinally sorted parts, and the safe-mode AES-256-CBC
/// envelope (key = Base64(EncodingAESKey + "="), IV = its first 16 bytes, PKCS#7 padding to 32 bytes, plaintext
/// random(16) ‖ length (4, big-endian) ‖ message ‖ appid).
/// </summary>
public static class WeChatCrypto
{
    /// <summary>The lowercase hex SHA-1 of the parts sorted ordinally and concatenated (signature and msg_signature).</summary>
    /// <param name="parts">Token, timestamp, nonce, and for msg_signature the Encrypt value.</param>
    /// <returns>The signature.</returns>
    public static string Signature(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sorted = (string[])parts.Clone();
        Array.Sort(sorted, StringComparer.Ordinal); // a culture-aware sort would put "abc" before "ABD"
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Checks a signature in constant time.</summary>
    /// <param name="expected">The signature received.</param>
    /// <param name="parts">The signed parts.</param>
    /// <returns>Whether it matches.</returns>
    public static bool Verify(string? expected, params string[] parts) =>
        expected is { Length: 40 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.ToLowerInvariant()), Encoding.ASCII.GetBytes(Signature(parts)));

    /// <summary>Encrypts a message (for replies and for test stubs).</summary>
    /// <param name="encodingAesKey">The 43-character key.</param>
    /// <param name="appId">The AppID appended to the message.</param>
    /// <param name="message">The XML message.</param>
    /// <param name="random">16 random bytes (given, for reproducible tests); fresh random bytes when null.</param>
    /// <returns>The Base64 ciphertext.</returns>
    public static string Encrypt(string encodingAesKey, string appId, string message, byte[]? random = null)
    {
        var key = Key(encodingAesKey);
        var msg = Encoding.UTF8.GetBytes(message);
        var app = Encoding.UTF8.GetBytes(appId);
        var length = 16 + 4 + msg.Length + app.Length;
        var pad = 32 - (length % 32);
        var plain = new byte[length + pad];
        (random ?? RandomNumberGenerator.GetBytes(16)).AsSpan(0, 16).CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), msg.Length);
        msg.CopyTo(plain, 20);
        app.CopyTo(plain, 20 + msg.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>Decrypts a safe-mode message, trying each key in turn.</summary>
    /// <param name="encrypted">The Base64 <c>Encrypt</c> value.</param>
    /// <param name="appId">The AppID the message must carry.</param>
    /// <param name="encodingAesKeys">The keys to try (current, then previous).</param>
    /// <returns>The XML message.</returns>
    /// <exception cref="EcrmException">Not decryptable with any key, malformed, or for another AppID.</exception>
    public static string Decrypt(string encrypted, string appId, params string?[] encodingAesKeys)
    {
        ArgumentNullException.ThrowIfNull(encodingAesKeys);
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted.Trim());
        }
        catch (FormatException)
        {
            throw new EcrmException("WeChat message: expected Base64 in Encrypt, received something else.");
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new EcrmException($"WeChat message: expected a ciphertext of whole 16-byte blocks, received {cipher.Length} bytes.");
        }

        string? reason = null;
        foreach (var encodingAesKey in encodingAesKeys.Where(k => k is not null))
        {
            var key = Key(encodingAesKey!);
            using var aes = Aes.Create();
            aes.Key = key;
            var plain = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None); // WeChat pads up to 32: PKCS7 would refuse 17..32
            var pad = plain[^1];
            if (pad is < 1 or > 32 || pad > plain.Length - 20)
            {
                reason = "a bad padding (wrong key?)";
                continue;
            }

            var body = plain.AsSpan(0, plain.Length - pad);
            var length = BinaryPrimitives.ReadInt32BigEndian(body.Slice(16, 4));
            if (length < 0 || 20 + length > body.Length)
            {
                reason = "a bad message length (wrong key?)";
                continue;
            }

            var receivedAppId = Encoding.UTF8.GetString(body[(20 + length)..]);
            if (receivedAppId != appId)
            {
                reason = $"AppID '{receivedAppId}'";
                continue;
            }

            return Encoding.UTF8.GetString(body.Slice(20, length));
        }

        throw new EcrmException($"WeChat message: expected a message for AppID '{appId}' under the configured keys, received {reason ?? "no key to try"}.");
    }

    private static byte[] Key(string encodingAesKey) => Convert.FromBase64String(encodingAesKey + "=");
}
