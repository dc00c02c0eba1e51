using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.WeChat;

/// <summary>
/// The official account's server callback as a plain function of (method, query, raw body), for any host to mount.
/// GET verifies the URL (signature over Token, timestamp, nonce) and echoes <c>echostr</c>. POST checks the signature,
/// and in safe or compatible mode the <c>msg_signature</c> over the <c>Encrypt</c> element, decrypts it (current, then
/// previous key), parses the XML with DTDs prohibited, drops WeChat's retries (MsgId, or FromUserName + CreateTime for
/// events, remembered for <see cref="WeChatOptions.RetryWindow"/>), maps the message to a canonical event and ingests
/// it, answering <c>success</c> within <see cref="WeChatOptions.AnswerWithin"/> whatever happens (ingestion goes on
/// in the background if slower). Refusals are answered with a status and a logged reason, never an exception.
/// </summary>
public sealed partial class WeChatCallbackHandler
{
    private readonly ICustomerGraph _graph;
    private readonly WeChatOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Ecrm.Answers.IAnswers? _answers;

    /// <summary>Initializes the handler.</summary>
    /// <param name="graph">The customer graph.</param>
    /// <param name="options">The account's settings (validated here).</param>
    /// <param name="time">The clock for the retry window and the answer deadline.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="answers">The answer library for passive replies to text messages, when the host added one (<c>AddAnswers</c>).</param>
    public WeChatCallbackHandler(ICustomerGraph graph, IOptions<WeChatOptions> options, TimeProvider time, ILogger<WeChatCallbackHandler>? logger = null, Ecrm.Answers.IAnswers? answers = null)
    {
        _answers = answers;
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Handles one request.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="cancellationToken">A token to cancel waiting (ingestion already started goes on).</param>
    /// <returns>What to answer.</returns>
    public async ValueTask<WeChatResponse> HandleAsync(WeChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        WeChatResponse answer;
        try
        {
            answer = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EcrmException ex)
        {
            answer = WeChatResponse.Text(400, ex.Message);
        }

        if (answer.StatusCode >= 300)
        {
            Refused(_logger, answer.StatusCode, answer.Body);
        }

        return answer;
    }

    /// <summary>Maps a parsed message or event to a canonical event (null for kinds the CRM does not record).</summary>
    internal static CustomerEvent? Map(IReadOnlyDictionary<string, string> m, string appId)
    {
        string Field(string name) => m.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new EcrmException($"WeChat message: expected <{name}>, received none.");
        string? Optional(string name) => m.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        double? Number(string name) => Optional(name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

        var openId = Field("FromUserName");
        var created = long.TryParse(Field("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new EcrmException($"WeChat message: expected <CreateTime> in Unix seconds, received '{m["CreateTime"]}'.");
        var type = Field("MsgType");
        var identity = Identity.WeChatOpenId(appId, openId);
        CustomerEvent Event(string id, EventType eventType, EventProperties? properties = null) => new()
        {
            Id = $"wechat:{appId}:{id}",
            Channel = EventChannel.WeChat,
            Type = eventType,
            OccurredAt = created,
            Identities = [identity],
            Properties = properties,
        };

        if (type != "event")
        {
            var msgId = Field("MsgId");
            return type switch
            {
                "text" => Event($"msg:{msgId}", EventType.Message, new EventProperties { Text = Field("Content") }),
                "location" => Event($"msg:{msgId}", EventType.Message, new EventProperties
                {
                    Location = new GeoLocation { Latitude = Number("Location_X") ?? 0, Longitude = Number("Location_Y") ?? 0, Label = Optional("Label") },
                }),
                "link" => Event($"msg:{msgId}", EventType.Message, new EventProperties { Text = Optional("Title"), Url = Optional("Url") }),
                "voice" => Event($"msg:{msgId}", EventType.Message, new EventProperties { Text = Optional("Recognition"), Custom = new Dictionary<string, string> { ["msg-type"] = type } }),
                _ => Event($"msg:{msgId}", EventType.Message, new EventProperties { Custom = new Dictionary<string, string> { ["msg-type"] = type } }),
            };
        }

        var name = Field("Event");
        var key = $"{openId}:{seconds}:{name}";
        var eventKey = Optional("EventKey");
        return name switch
        {
            // Followed by scanning a parameterised QR code: EventKey = "qrscene_" + scene (qrscene_0 when created without a scene).
            "subscribe" => Event($"event:{key}", EventType.Follow, new EventProperties
            {
                SceneCode = eventKey is { Length: > 8 } k && k.StartsWith("qrscene_", StringComparison.Ordinal) ? k[8..] : null,
            }),
            "unsubscribe" => Event($"event:{key}", EventType.Unfollow),
            "SCAN" => Event($"event:{key}", EventType.FromName("qr-scan"), new EventProperties { SceneCode = eventKey }),
            "LOCATION" => Event($"event:{key}", EventType.FromName("location-update"), new EventProperties
            {
                Location = new GeoLocation { Latitude = Number("Latitude") ?? 0, Longitude = Number("Longitude") ?? 0 },
            }),
            "CLICK" => Event($"event:{key}", EventType.FromName("menu-click"), new EventProperties { CampaignCode = eventKey }),
            "VIEW" => Event($"event:{key}", EventType.PageView, new EventProperties { Url = eventKey }),
            // Template message job results: Status "success", "failed:user block", "failed: system failed", "failed:freq limit".
            "TEMPLATESENDJOBFINISH" => Optional("Status") is "success"
                ? Event($"event:{key}", EventType.CampaignDelivered, new EventProperties { Custom = new Dictionary<string, string> { ["template-msg-id"] = Optional("MsgID") ?? string.Empty } })
                : Event($"event:{key}", EventType.FromName("campaign-failed"), new EventProperties { Custom = new Dictionary<string, string> { ["template-msg-id"] = Optional("MsgID") ?? string.Empty, ["status"] = Optional("Status") ?? string.Empty } }),
            _ => null,
        };
    }

    /// <summary>Checks, decrypts, parses and maps a request: an answer to give at once (a refusal, or the echo of a verification), or the event (null for kinds not recorded).</summary>
    internal (WeChatResponse? Answer, CustomerEvent? Event) Decode(WeChatRequest request)
    {
        var (answer, mapped, _) = DecodeFields(request);
        return (answer, mapped);
    }

    private (WeChatResponse? Answer, CustomerEvent? Event, Dictionary<string, string>? Fields) DecodeFields(WeChatRequest request)
    {
        var timestamp = request.Get("timestamp") ?? string.Empty;
        var nonce = request.Get("nonce") ?? string.Empty;
        if (!WeChatCrypto.Verify(request.Get("signature"), _options.Token!, timestamp, nonce))
        {
            return (WeChatResponse.Text(401, "signature missing or not matching the Token"), null, null);
        }

        if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return (WeChatResponse.Text(200, request.Get("echostr") ?? string.Empty), null, null); // echoed exactly
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return (WeChatResponse.Text(405, $"expected GET or POST, received {request.Method}"), null, null);
        }

        if (request.Body.Length > _options.MaxBodyBytes)
        {
            return (WeChatResponse.Text(413, $"expected at most {_options.MaxBodyBytes} bytes, received {request.Body.Length}"), null, null);
        }

        var fields = WeChatMessage.Parse(request.Body, _options.MaxBodyBytes * 2);
        if (request.Get("encrypt_type") == "aes")
        {
            if (!fields.TryGetValue("Encrypt", out var encrypted) || encrypted.Length == 0)
            {
                return (WeChatResponse.Text(400, "expected <Encrypt> in safe mode, received none"), null, null);
            }

            if (!WeChatCrypto.Verify(request.Get("msg_signature"), _options.Token!, timestamp, nonce, encrypted))
            {
                return (WeChatResponse.Text(401, "msg_signature missing or not matching"), null, null);
            }

            var xml = WeChatCrypto.Decrypt(encrypted, _options.AppId!, _options.EncodingAesKey, _options.PreviousEncodingAesKey);
            fields = WeChatMessage.Parse(Encoding.UTF8.GetBytes(xml), _options.MaxBodyBytes * 2);
        }

        return (null, Map(fields, _options.AppId!), fields);
    }

    private async ValueTask<WeChatResponse> HandleCoreAsync(WeChatRequest request, CancellationToken cancellationToken)
    {
        var (answer, mapped, fields) = DecodeFields(request);
        if (answer is not null)
        {
            return answer;
        }

        if (mapped is null || !FirstDelivery(mapped.Id))
        {
            return WeChatResponse.Text(200, "success");
        }

        var reply = PassiveReply(request, fields!);

        var ingest = _graph.IngestAsync(mapped, cancellationToken).AsTask();
        var deadline = Task.Delay(_options.AnswerWithin, _time, CancellationToken.None);
        if (await Task.WhenAny(ingest, deadline).ConfigureAwait(false) == deadline)
        {
            _ = ingest.ContinueWith(t => IngestFailed(_logger, mapped.Id, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return reply ?? WeChatResponse.Text(200, "success"); // the 5-second rule: answer now, finish later
        }

        try
        {
            await ingest.ConfigureAwait(false);
        }
        catch (EcrmException ex)
        {
            Forget(mapped.Id);
            return WeChatResponse.Text(400, ex.Message);
        }

        return reply ?? WeChatResponse.Text(200, "success");
    }

    /// <summary>
    /// The passive reply to a text message the answer library can answer: a text reply XML (encrypted and signed in safe
    /// mode, with the current key), or null to answer <c>success</c> and reply later, if at all, through the
    /// customer-service API.
    /// </summary>
    private WeChatResponse? PassiveReply(WeChatRequest request, Dictionary<string, string> fields)
    {
        if (_answers is null || !_options.AutoReply || fields.GetValueOrDefault("MsgType") != "text"
            || fields.GetValueOrDefault("Content") is not { Length: > 0 } question
            || _answers.Find(question, EventChannel.WeChat) is not { } match)
        {
            return null;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var xml = $"<xml><ToUserName>{CData(fields.GetValueOrDefault("FromUserName") ?? string.Empty)}</ToUserName><FromUserName>{CData(fields.GetValueOrDefault("ToUserName") ?? string.Empty)}</FromUserName>"
            + $"<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>{CData(match.Answer)}</Content></xml>";
        if (request.Get("encrypt_type") != "aes" || _options.EncodingAesKey is null)
        {
            return new WeChatResponse(200, "application/xml; charset=utf-8", xml);
        }

        var nonce = System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var encrypted = WeChatCrypto.Encrypt(_options.EncodingAesKey, _options.AppId!, xml);
        var signature = WeChatCrypto.Signature(_options.Token!, now, nonce, encrypted);
        return new WeChatResponse(200, "application/xml; charset=utf-8",
            $"<xml><Encrypt>{CData(encrypted)}</Encrypt><MsgSignature>{CData(signature)}</MsgSignature><TimeStamp>{now}</TimeStamp><Nonce>{CData(nonce)}</Nonce></xml>");
    }

    /// <summary>A CDATA section; a CDATA end marker inside the text is split across two sections.</summary>
    private static string CData(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";

    private bool FirstDelivery(string id)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_recent.Count > 10_000)
            {
                foreach (var old in _recent.Where(r => now - r.Value > _options.RetryWindow).Select(r => r.Key).ToList())
                {
                    _recent.Remove(old);
                }
            }

            if (_recent.TryGetValue(id, out var seen) && now - seen <= _options.RetryWindow)
            {
                return false;
            }

            _recent[id] = now;
            return true;
        }
    }

    private void Forget(string id)
    {
        lock (_gate)
        {
            _recent.Remove(id);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "WeChat callback refused with {Status}: {Reason}")]
    private static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "WeChat event {EventId} failed to ingest after the answer was sent")]
    private static partial void IngestFailed(ILogger logger, string eventId, Exception exception);
}
