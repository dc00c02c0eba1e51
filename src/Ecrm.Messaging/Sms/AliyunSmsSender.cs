using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.Messaging.Sms;

/// <summary>
/// Sends SMS through Aliyun's SendSms (dysmsapi 2017-05-25, RPC style, signature v1, POST form). The message's
/// <see cref="OutboundMessage.TemplateId"/> is the TemplateCode and <see cref="OutboundMessage.TemplateData"/> the
/// TemplateParam (values are strings); the idempotency key travels as OutId.
/// </summary>
/// <remarks>
/// SendSms is not idempotent (spec §5.1), so an attempt whose answer is lost is not simply repeated: with
/// <see cref="AliyunSmsOptions.ReconcileLostSends"/> the sender looks the OutId up with QuerySendDetails and sends again
/// only when the provider has no record of it; otherwise the receipt is unconfirmed. Business codes: <c>OK</c> is sent,
/// <c>isp.SYSTEM_ERROR</c> and <c>Throttling*</c> are retried, every other code (flow control per number, invalid
/// number, template errors, balance) is a failure with the code in the receipt. HTTP 5xx is retried, 4xx (signature,
/// key) is a failure.
/// </remarks>
public sealed class AliyunSmsSender : MessageSenderBase, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the sender asks the factory for.</summary>
    public const string HttpClientName = "ecrm-aliyun-sms";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private readonly AliyunSmsOptions _options;
    private readonly IHttpClientFactory _clients;
    private readonly ProviderCall _call;
    private readonly IdentityNormalizer _phones;

    /// <summary>Initializes the sender.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The account settings (validated here).</param>
    /// <param name="time">The clock for timestamps and delays.</param>
    /// <param name="logger">The logger.</param>
    public AliyunSmsSender(IHttpClientFactory clients, IOptions<AliyunSmsOptions> options, TimeProvider time, ILogger<AliyunSmsSender>? logger = null)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _options = options.Value;
        _options.Validate();
        PhoneRegion.TryGet(_options.DefaultPhoneRegion, out var region);
        _phones = new IdentityNormalizer(region);
        _call = new ProviderCall(Provider, () => _clients.CreateClient(HttpClientName), _options, time, logger);
    }

    /// <inheritdoc />
    public override EventChannel Channel => EventChannel.Sms;

    /// <inheritdoc />
    public override string Provider => "aliyun-sms";

    /// <inheritdoc />
    public void Dispose() => _call.Dispose();

    /// <summary>The number as Aliyun expects it: mainland numbers without +86, others as digits with the country code.</summary>
    /// <param name="e164">The E.164 number.</param>
    /// <returns>The number.</returns>
    internal static string PhoneNumber(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');

    /// <inheritdoc />
    protected override void CheckMessage(OutboundMessage message)
    {
        if (message.Recipient.Kind != IdentityKind.Phone)
        {
            throw new MessageFormatException(nameof(message.Recipient), $"expected a phone number for SMS, received a {message.Recipient.Kind} identity");
        }

        try
        {
            _ = _phones.NormalizePhone(message.Recipient.Value);
        }
        catch (IdentityFormatException ex)
        {
            throw new MessageFormatException(nameof(message.Recipient), ex.Message);
        }

        if (string.IsNullOrEmpty(message.TemplateId))
        {
            throw new MessageFormatException(nameof(message.TemplateId), "expected an approved Aliyun TemplateCode (SendSms only sends templates), received none");
        }
    }

    /// <inheritdoc />
    protected override Task<ProviderCallResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber(_phones.NormalizePhone(message.Recipient.Value));
        var templateParam = message.TemplateData is { Count: > 0 } data ? TemplateParam(data) : null;
        var started = Time.GetUtcNow();
        return _call.SendAsync(
            () =>
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new("Action", "SendSms"),
                    new("PhoneNumbers", phone),
                    new("SignName", _options.SignName!),
                    new("TemplateCode", message.TemplateId!),
                    new("OutId", message.IdempotencyKey),
                };
                if (templateParam is not null)
                {
                    parameters.Add(new("TemplateParam", templateParam));
                }

                return SignedPost(parameters);
            },
            ReadSendSms,
            RepeatSafety.Unsafe,
            _options.ReconcileLostSends ? ct => FindSentAsync(phone, message.IdempotencyKey, started, ct) : null,
            cancellationToken);
    }

    private static string TemplateParam(IReadOnlyDictionary<string, string> data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in data)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private HttpRequestMessage SignedPost(List<KeyValuePair<string, string>> parameters)
    {
        parameters.AddRange(
        [
            new("AccessKeyId", _options.AccessKeyId!),
            new("Version", "2017-05-25"),
            new("Format", "JSON"),
            new("RegionId", _options.RegionId),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureVersion", "1.0"),
            new("SignatureNonce", Guid.NewGuid().ToString()),
            new("Timestamp", Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]);
        var signature = AliyunRpcSignature.Sign("POST", parameters, _options.AccessKeySecret!);
        var body = AliyunRpcSignature.CanonicalQuery(parameters) + "&Signature=" + AliyunRpcSignature.PercentEncode(signature);
        return new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }

    private ProviderAnswer ReadSendSms(HttpResponseMessage response, byte[] body)
    {
        var (code, text, bizId) = ReadCode(body);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode && code == "OK")
        {
            return ProviderAnswer.Success(status, bizId);
        }

        var error = $"{code ?? "HTTP " + status}: {text}";
        return code is "isp.SYSTEM_ERROR" || (code?.StartsWith("Throttling", StringComparison.Ordinal) ?? false) || status >= 500 || status == 429
            ? ProviderAnswer.Retry(status, error, ProviderAnswer.RetryAfterOf(response, Time))
            : ProviderAnswer.Reject(status, error);
    }

    private static (string? Code, string? Message, string? BizId) ReadCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the answer is not a JSON object", null);
            }

            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("Code"), Text("Message"), Text("BizId"));
        }
        catch (JsonException)
        {
            return (null, "the answer is not JSON", null);
        }
    }

    /// <summary>Looks a lost send up by OutId with QuerySendDetails, on the send's day (China time) and today.</summary>
    private async ValueTask<ProviderAnswer?> FindSentAsync(string phone, string outId, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (_options.ReconcileDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.ReconcileDelay, Time, cancellationToken).ConfigureAwait(false);
        }

        var days = new[] { started.ToOffset(ChinaOffset).Date, Time.GetUtcNow().ToOffset(ChinaOffset).Date }.Distinct();
        foreach (var day in days)
        {
            using var timeout = new CancellationTokenSource(_options.AttemptTimeout, Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var request = SignedPost(
            [
                new("Action", "QuerySendDetails"),
                new("PhoneNumber", phone),
                new("SendDate", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
                new("PageSize", "50"),
                new("CurrentPage", "1"),
            ]);
            using var response = await _clients.CreateClient(HttpClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var (code, text, _) = ReadCode(body);
            if (!response.IsSuccessStatusCode || code != "OK")
            {
                return ProviderAnswer.Reject((int)response.StatusCode, $"QuerySendDetails answered {code ?? "HTTP " + (int)response.StatusCode}: {text}");
            }

            if (ContainsOutId(body, outId))
            {
                return ProviderAnswer.Success((int)response.StatusCode);
            }
        }

        return ProviderAnswer.Retry(0, "not found by QuerySendDetails");
    }

    /// <summary>Whether a QuerySendDetails answer lists a message with this OutId (<c>SmsSendDetailDTOs.SmsSendDetailDTO[]</c>).</summary>
    internal static bool ContainsOutId(byte[] body, string outId)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        if (!document.RootElement.TryGetProperty("SmsSendDetailDTOs", out var wrapper)
            || !wrapper.TryGetProperty("SmsSendDetailDTO", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.TryGetProperty("OutId", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(outId))
            {
                return true;
            }
        }

        return false;
    }
}
