namespace Ecrm.Messaging.Email;

/// <summary>The SendGrid account and the sender's resilience settings.</summary>
public sealed class SendGridOptions : EmailSenderOptions
{
    /// <summary>Gets or sets the Mail Send endpoint. Default <c>https://api.sendgrid.com/v3/mail/send</c> (EU: api.eu.sendgrid.com).</summary>
    public Uri Endpoint { get; set; } = new("https://api.sendgrid.com/v3/mail/send");

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        ValidateEndpoint(nameof(SendGridOptions), nameof(Endpoint), Endpoint);
        ValidateEmail(nameof(SendGridOptions));
    }
}
