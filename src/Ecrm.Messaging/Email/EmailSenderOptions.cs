using Ecrm.Outbound;

namespace Ecrm.Messaging.Email;

/// <summary>What every e-mail provider's options share: the API key, the sender address and the resilience settings.</summary>
public abstract class EmailSenderOptions : OutboundResilienceOptions
{
    /// <summary>Gets or sets the provider's API key. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the sender address (a verified sender at the provider). Required.</summary>
    public string? FromAddress { get; set; }

    /// <summary>Gets or sets the sender's display name.</summary>
    public string? FromName { get; set; }

    /// <summary>Validates the shared settings.</summary>
    /// <param name="owner">The options type's name, used in the message.</param>
    /// <exception cref="EcrmException">A value is missing or malformed; the message names it.</exception>
    protected void ValidateEmail(string owner)
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new EcrmException($"{owner}.ApiKey: expected the provider's API key, received none.");
        }

        if (FromAddress is null || !IdentityNormalizerAccess.IsEmail(FromAddress))
        {
            throw new EcrmException($"{owner}.FromAddress: expected an e-mail address, received '{FromAddress}'.");
        }

        ValidateResilience(owner);
    }

    /// <summary>Checks an endpoint setting.</summary>
    /// <param name="owner">The options type's name.</param>
    /// <param name="name">The setting's name.</param>
    /// <param name="uri">The value.</param>
    /// <exception cref="EcrmException">It is not an absolute http or https URL.</exception>
    protected static void ValidateEndpoint(string owner, string name, Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new EcrmException($"{owner}.{name}: expected an absolute http or https URL, received '{uri}'.");
        }
    }

    private static class IdentityNormalizerAccess
    {
        public static bool IsEmail(string value)
        {
            try
            {
                _ = Identity.Email(value);
                return true;
            }
            catch (EcrmException)
            {
                return false;
            }
        }
    }
}
