namespace Ecrm.WeChat;

/// <summary>The official account's callback settings, as configured on the WeChat platform.</summary>
public sealed class WeChatOptions
{
    /// <summary>Gets or sets the account's AppID (scopes the openids, and is checked inside encrypted messages). Required.</summary>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the Token used in the signatures. Required.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the EncodingAESKey (43 characters) for safe and compatible modes; null for plaintext mode.</summary>
    public string? EncodingAesKey { get; set; }

    /// <summary>Gets or sets the previous EncodingAESKey during a key change: decryption tries both.</summary>
    public string? PreviousEncodingAesKey { get; set; }

    /// <summary>Gets or sets the largest body accepted, in bytes. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets how long a message is remembered to drop WeChat's retries (3 tries, 5 s apart). Default 30 s.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the handler waits for ingestion before answering anyway (WeChat gives up after 5 s). Default 4 s.</summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Gets or sets whether text messages the answer library can answer (<c>AddAnswers</c>) get a passive reply in the
    /// callback's answer (within WeChat's 5 seconds). Default true; without a library nothing changes.
    /// </summary>
    public bool AutoReply { get; set; } = true;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or malformed; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppId) || string.IsNullOrWhiteSpace(Token))
        {
            throw new EcrmException($"WeChatOptions: expected AppId and Token, received '{AppId}' and {(Token is null ? "no token" : "a token")}.");
        }

        foreach (var (name, key) in new[] { (nameof(EncodingAesKey), EncodingAesKey), (nameof(PreviousEncodingAesKey), PreviousEncodingAesKey) })
        {
            if (key is not null && (key.Length != 43 || !key.All(char.IsAsciiLetterOrDigit)))
            {
                throw new EcrmException($"WeChatOptions.{name}: expected 43 letters and digits, received {key.Length} characters.");
            }
        }

        if (MaxBodyBytes is < 1024 or > 4 << 20 || RetryWindow < TimeSpan.FromSeconds(15) || AnswerWithin <= TimeSpan.Zero || AnswerWithin >= TimeSpan.FromSeconds(5))
        {
            throw new EcrmException($"WeChatOptions: expected MaxBodyBytes 1 KiB to 4 MiB, RetryWindow of at least 15 s and AnswerWithin under 5 s, received {MaxBodyBytes}, {RetryWindow}, {AnswerWithin}.");
        }
    }
}
