namespace Ecrm.Messaging.Email;

/// <summary>The Mailgun account and the sender's resilience settings.</summary>
public sealed class MailgunOptions : EmailSenderOptions
{
    /// <summary>Gets or sets the sending domain (messages go to <c>/v3/{domain}/messages</c>). Required.</summary>
    public string? Domain { get; set; }

    /// <summary>Gets or sets the API base. Default <c>https://api.mailgun.net/</c> (EU: api.eu.mailgun.net).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.mailgun.net/");

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Domain) || Domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
        {
            throw new EcrmException($"MailgunOptions.Domain: expected the sending domain (letters, digits, dots and hyphens), received '{Domain}'.");
        }

        ValidateEndpoint(nameof(MailgunOptions), nameof(BaseAddress), BaseAddress);
        ValidateEmail(nameof(MailgunOptions));
    }
}
