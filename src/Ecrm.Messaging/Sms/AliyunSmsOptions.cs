using Ecrm.Outbound;

namespace Ecrm.Messaging.Sms;

/// <summary>The Aliyun SMS account and the sender's resilience settings.</summary>
public sealed class AliyunSmsOptions : OutboundResilienceOptions
{
    /// <summary>Gets or sets the AccessKey id. Required.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Gets or sets the AccessKey secret. Required.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>Gets or sets the approved signature name (签名) shown on every SMS. Required.</summary>
    public string? SignName { get; set; }

    /// <summary>Gets or sets the API endpoint. Default <c>https://dysmsapi.aliyuncs.com/</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://dysmsapi.aliyuncs.com/");

    /// <summary>Gets or sets the region. Default <c>cn-hangzhou</c>.</summary>
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>Gets or sets the region national-format numbers are read in (ISO 3166 code). Default <c>CN</c>.</summary>
    public string DefaultPhoneRegion { get; set; } = "CN";

    /// <summary>
    /// Gets or sets whether a send whose answer was lost is looked up with QuerySendDetails (by phone, date and OutId)
    /// before it is retried. SendSms is not idempotent, so without this a lost answer is reported unconfirmed and not
    /// retried. Default <see langword="true"/>. The QuerySendDetails wire format is not in the channel spec [U].
    /// </summary>
    public bool ReconcileLostSends { get; set; } = true;

    /// <summary>Gets or sets how long to wait before looking a lost send up (records appear after a short delay [U]). Default 2 s.</summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessKeyId) || string.IsNullOrWhiteSpace(AccessKeySecret) || string.IsNullOrWhiteSpace(SignName))
        {
            throw new EcrmException($"AliyunSmsOptions: expected AccessKeyId, AccessKeySecret and SignName, received {(string.IsNullOrWhiteSpace(AccessKeyId) ? "no AccessKeyId" : "an AccessKeyId")}, {(string.IsNullOrWhiteSpace(AccessKeySecret) ? "no secret" : "a secret")} and '{SignName}'.");
        }

        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new EcrmException($"AliyunSmsOptions.Endpoint: expected an absolute http or https URL, received '{Endpoint}'.");
        }

        if (!PhoneRegion.TryGet(DefaultPhoneRegion, out _))
        {
            throw new EcrmException($"AliyunSmsOptions.DefaultPhoneRegion: expected one of {string.Join(", ", PhoneRegion.KnownRegionCodes.Order(StringComparer.Ordinal))}, received '{DefaultPhoneRegion}'.");
        }

        if (ReconcileDelay < TimeSpan.Zero || ReconcileDelay > TimeSpan.FromMinutes(1))
        {
            throw new EcrmException($"AliyunSmsOptions.ReconcileDelay: expected 0 to 1 minute, received {ReconcileDelay}.");
        }

        ValidateResilience(nameof(AliyunSmsOptions));
    }
}
