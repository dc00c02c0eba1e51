using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Messaging.Email;

/// <summary>
/// The e-mail providers' event webhooks as plain functions of (headers, raw body), for any host to mount: deliveries,
/// opens, clicks, bounces and unsubscribes come back as events of the recipient (see <see cref="EmailEventMapper"/>),
/// so campaign results count them and consent applies unsubscribes at once. Signatures are checked before parsing,
/// timestamps older than the tolerance are refused (replays), bodies are size-limited, and event ids make repeats
/// idempotent. Answers: 200 ingested, 400 malformed, 401 unsigned or forged, 413 too large.
/// </summary>
public sealed partial class EmailEventWebhookHandler
{
    /// <summary>SendGrid's signature header.</summary>
    public const string SendGridSignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>SendGrid's timestamp header.</summary>
    public const string SendGridTimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ICustomerGraph _graph;
    private readonly EmailEventWebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ECDsa? _sendGridKey;

    /// <summary>Initializes the handler.</summary>
    /// <param name="graph">The customer graph.</param>
    /// <param name="options">The keys (validated here).</param>
    /// <param name="time">The clock for the replay window.</param>
    /// <param name="logger">The logger.</param>
    public EmailEventWebhookHandler(ICustomerGraph graph, IOptions<EmailEventWebhookOptions> options, TimeProvider time, ILogger<EmailEventWebhookHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (_options.SendGridPublicKey is { Length: > 0 } key)
        {
            _sendGridKey = ECDsa.Create();
            _sendGridKey.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key), out _);
        }
    }

    /// <summary>
    /// Handles SendGrid's Signed Event Webhook: ECDSA P-256 with SHA-256 over the timestamp header followed by the raw
    /// body, the signature base64 DER; the body a JSON array of events (<c>email</c>, <c>timestamp</c>, <c>event</c>,
    /// <c>sg_event_id</c>, <c>url</c>, and the custom arguments <c>ecrm_campaign</c>, <c>ecrm_key</c>).
    /// </summary>
    /// <param name="headers">The request headers (any case).</param>
    /// <param name="body">The raw body.</param>
    /// <param name="cancellationToken">A token to cancel ingestion.</param>
    /// <returns>The status to answer and why.</returns>
    public async ValueTask<(int StatusCode, string Reason)> HandleSendGridAsync(IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        if (_sendGridKey is null)
        {
            return Refuse(404, "SendGrid events are not configured");
        }

        if (body.Length > _options.MaxBodyBytes)
        {
            return Refuse(413, $"expected at most {_options.MaxBodyBytes} bytes, received {body.Length}");
        }

        var signature = Header(headers, SendGridSignatureHeader);
        var timestamp = Header(headers, SendGridTimestampHeader);
        if (signature is null || timestamp is null || !Fresh(timestamp))
        {
            return Refuse(401, "missing or stale signature headers");
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return Refuse(401, "the signature is not base64");
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed, written);
        if (!_sendGridKey.VerifyData(signed, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            return Refuse(401, "signature does not verify with the configured key");
        }

        var events = new List<CustomerEvent>();
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Refuse(400, "expected a JSON array of events");
            }

            foreach (var item in document.RootElement.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                string? Text(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var at = item.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : _time.GetUtcNow();
                var kind = Text("event") switch
                {
                    "delivered" => EmailEventKind.Delivered,
                    "open" => EmailEventKind.Opened,
                    "click" => EmailEventKind.Clicked,
                    "bounce" or "dropped" => EmailEventKind.Failed,
                    "unsubscribe" or "group_unsubscribe" or "spamreport" => EmailEventKind.Unsubscribed,
                    _ => EmailEventKind.Ignored,
                };
                var id = Text("sg_event_id") ?? Hash(item.GetRawText());
                if (EmailEventMapper.Map("sendgrid", id, kind, Text("email") ?? string.Empty, at, Text("ecrm_campaign"), Text("ecrm_key"), Text("url"), Text("reason") ?? Text("type")) is { } e)
                {
                    events.Add(e);
                }
            }
        }
        catch (JsonException ex)
        {
            return Refuse(400, "malformed JSON: " + ex.Message);
        }

        return await IngestAsync(events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles one Mailgun webhook [U: not in the channel spec; Mailgun's documented format]: JSON
    /// <c>{"signature":{"timestamp","token","signature"},"event-data":{...}}</c>, the signature the hex HMAC-SHA256 of
    /// timestamp followed by token under the webhook signing key; events <c>delivered</c>, <c>opened</c>,
    /// <c>clicked</c>, <c>failed</c>, <c>unsubscribed</c>, <c>complained</c>, with <c>user-variables</c>
    /// <c>ecrm-campaign</c> and <c>ecrm-key</c>.
    /// </summary>
    /// <param name="body">The raw body.</param>
    /// <param name="cancellationToken">A token to cancel ingestion.</param>
    /// <returns>The status to answer and why.</returns>
    public async ValueTask<(int StatusCode, string Reason)> HandleMailgunAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_options.MailgunSigningKey is not { Length: > 0 } key)
        {
            return Refuse(404, "Mailgun events are not configured");
        }

        if (body.Length > _options.MaxBodyBytes)
        {
            return Refuse(413, $"expected at most {_options.MaxBodyBytes} bytes, received {body.Length}");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("signature", out var sig) || sig.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event-data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return Refuse(400, "expected signature and event-data objects");
            }

            string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var (timestamp, token, hex) = (Text(sig, "timestamp"), Text(sig, "token"), Text(sig, "signature"));
            if (timestamp is null || token is null || hex is null || !Fresh(timestamp))
            {
                return Refuse(401, "missing or stale signature");
            }

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + token));
            byte[] given;
            try
            {
                given = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                return Refuse(401, "the signature is not hex");
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return Refuse(401, "signature does not match the signing key");
            }

            var at = data.TryGetProperty("timestamp", out var t) && t.TryGetDouble(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : _time.GetUtcNow();
            var variables = data.TryGetProperty("user-variables", out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
            string? Variable(string name) => variables.ValueKind == JsonValueKind.Object ? Text(variables, name) : null;
            var kind = Text(data, "event") switch
            {
                "delivered" => EmailEventKind.Delivered,
                "opened" => EmailEventKind.Opened,
                "clicked" => EmailEventKind.Clicked,
                "failed" or "rejected" => EmailEventKind.Failed,
                "unsubscribed" or "complained" => EmailEventKind.Unsubscribed,
                _ => EmailEventKind.Ignored,
            };
            var reason = data.TryGetProperty("delivery-status", out var status) && status.ValueKind == JsonValueKind.Object ? Text(status, "message") : Text(data, "reason");
            var e = EmailEventMapper.Map("mailgun", Text(data, "id") ?? Hash(data.GetRawText()), kind, Text(data, "recipient") ?? string.Empty, at, Variable("ecrm-campaign"), Variable("ecrm-key"), Text(data, "url"), reason);
            return await IngestAsync(e is null ? [] : [e], cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Refuse(400, "malformed JSON: " + ex.Message);
        }
    }

    private async ValueTask<(int, string)> IngestAsync(List<CustomerEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return (200, "nothing to record");
        }

        try
        {
            var result = await _graph.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
            return (200, string.Create(CultureInfo.InvariantCulture, $"{result.Accepted} recorded, {result.Duplicates} repeats, {result.Rejected} rejected"));
        }
        catch (EcrmException ex)
        {
            return Refuse(400, ex.Message);
        }
    }

    private bool Fresh(string timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and < 100_000_000_000
        && (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= _options.Tolerance;

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant();

    private (int, string) Refuse(int status, string reason)
    {
        Refused(_logger, status, reason);
        return (status, reason);
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "E-mail event webhook refused with {Status}: {Reason}")]
    private static partial void Refused(ILogger logger, int status, string reason);
}
