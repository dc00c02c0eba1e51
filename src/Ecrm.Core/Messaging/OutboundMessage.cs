namespace Ecrm.Messaging;

/// <summary>
/// One message to one recipient on one channel: what a channel sender (SMS, e-mail, WeChat) is asked to deliver.
/// </summary>
/// <remarks>
/// <see cref="IdempotencyKey"/> names the logical message: every attempt and every later call with the same key is
/// the same message, so a sender never delivers it twice where the provider lets a repeat be detected (see each
/// sender's documentation), and never retries an attempt whose outcome is unknown where it cannot.
/// </remarks>
public sealed record OutboundMessage
{
    /// <summary>Gets the key that names this logical message (1 to 64 characters: letters, digits, <c>-_.:</c>). Required.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the recipient: a phone number for SMS, an e-mail address for e-mail, a WeChat openid for WeChat. Required.</summary>
    public required Identity Recipient { get; init; }

    /// <summary>Gets why the message is sent (consent is kept per purpose). Default <see cref="MessagePurpose.Service"/>.</summary>
    public MessagePurpose Purpose { get; init; } = MessagePurpose.Service;

    /// <summary>Gets the subject (e-mail).</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the plain text body (SMS without a template, e-mail, WeChat customer-service text).</summary>
    public string? Text { get; init; }

    /// <summary>Gets the HTML body (e-mail).</summary>
    public string? Html { get; init; }

    /// <summary>Gets the provider template (Aliyun TemplateCode, SendGrid or Mailgun template, WeChat template_id).</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets the template's parameters by name.</summary>
    public IReadOnlyDictionary<string, string>? TemplateData { get; init; }

    /// <summary>Gets a link the message points to (WeChat template messages).</summary>
    public Uri? Link { get; init; }

    /// <summary>Gets the recipient's display name, where the channel shows one (e-mail).</summary>
    public string? RecipientName { get; init; }

    /// <summary>Gets the campaign this message belongs to, carried to the provider as a tag where it has one.</summary>
    public string? CampaignCode { get; init; }

    /// <summary>Validates the key and that there is something to send.</summary>
    /// <exception cref="MessageFormatException">A field is missing or malformed; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(IdempotencyKey) || IdempotencyKey.Length > 64
            || !IdempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            throw new MessageFormatException(nameof(IdempotencyKey), $"expected 1 to 64 letters, digits or -_.:, received '{IdempotencyKey}'");
        }

        if (Recipient.Kind.IsDefault)
        {
            throw new MessageFormatException(nameof(Recipient), "expected an identity, received none");
        }

        if (string.IsNullOrEmpty(Text) && string.IsNullOrEmpty(Html) && string.IsNullOrEmpty(TemplateId))
        {
            throw new MessageFormatException(nameof(Text), "expected a text, an HTML body or a template, received none of them");
        }
    }
}
