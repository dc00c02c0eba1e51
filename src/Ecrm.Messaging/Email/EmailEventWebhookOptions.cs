namespace Ecrm.Messaging.Email;

/// <summary>How the e-mail providers' event webhooks are checked.</summary>
public sealed class EmailEventWebhookOptions
{
    /// <summary>Gets or sets SendGrid's verification key (the base64 public key under Mail Settings, Signed Event Webhook).</summary>
    public string? SendGridPublicKey { get; set; }

    /// <summary>Gets or sets Mailgun's HTTP webhook signing key.</summary>
    public string? MailgunSigningKey { get; set; }

    /// <summary>Gets or sets how old a signed timestamp may be (replays are refused). Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SendGridPublicKey) && string.IsNullOrWhiteSpace(MailgunSigningKey))
        {
            throw new EcrmException("EmailEventWebhookOptions: expected SendGridPublicKey or MailgunSigningKey, received neither.");
        }

        if (SendGridPublicKey is { Length: > 0 } key)
        {
            try
            {
                using var ecdsa = System.Security.Cryptography.ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key), out _);
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new EcrmException($"EmailEventWebhookOptions.SendGridPublicKey: expected a base64 public key (SubjectPublicKeyInfo), received one that does not parse ({ex.Message}).", ex);
            }
        }

        if (Tolerance < TimeSpan.FromSeconds(10) || MaxBodyBytes is < 1024 or > 32 << 20)
        {
            throw new EcrmException($"EmailEventWebhookOptions: expected a Tolerance of 10 s or more and MaxBodyBytes of 1 KiB to 32 MiB, received {Tolerance} and {MaxBodyBytes}.");
        }
    }
}
