using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Ecrm.Messaging.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecrm.ProviderStubs;

/// <summary>
/// Aliyun dysmsapi (spec §5.1): POST form with RPC signature v1 checked against the stub's secret, replayed
/// SignatureNonce refused, SendSms recorded by phone and OutId (answer Code OK with a BizId), QuerySendDetails listing
/// what was sent to a number. Faults: 5xx, 429, <c>isp.SYSTEM_ERROR</c> as busy, hangs and lost answers.
/// </summary>
public sealed class AliyunSmsStub : ProviderStub
{
    /// <summary>The AccessKey id the stub accepts.</summary>
    public const string AccessKeyId = "testId";

    /// <summary>The AccessKey secret the stub checks signatures with.</summary>
    public const string AccessKeySecret = "testSecret";

    private readonly ConcurrentDictionary<string, byte> _nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string OutId, string Template)>> _sent = new(StringComparer.Ordinal);
    private int _bizIds;

    /// <summary>Gets or sets whether sends are hidden from QuerySendDetails (to test the unconfirmed path).</summary>
    public bool QueryUnavailable { get; set; }

    /// <inheritdoc />
    protected override void Map(WebApplication app) => app.MapPost("/", Handle);

    private async Task Handle(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        context.Response.ContentType = "application/json";
        if (!parameters.TryGetValue("Signature", out var signature) || parameters.GetValueOrDefault("AccessKeyId") != AccessKeyId
            || AliyunRpcSignature.Sign("POST", parameters.Where(p => p.Key != "Signature"), AccessKeySecret) != signature)
        {
            context.Response.StatusCode = 400;
            await Write(context, new { RequestId = Guid.NewGuid().ToString(), HostId = "dysmsapi.aliyuncs.com", Code = "SignatureDoesNotMatch", Message = "Specified signature is not matched with our calculation." }).ConfigureAwait(false);
            return;
        }

        if (!_nonces.TryAdd(parameters.GetValueOrDefault("SignatureNonce") ?? string.Empty, 0))
        {
            context.Response.StatusCode = 400;
            await Write(context, new { Code = "SignatureNonceUsed", Message = "Specified signature nonce was used already." }).ConfigureAwait(false);
            return;
        }

        switch (parameters.GetValueOrDefault("Action"))
        {
            case "SendSms":
                await WithFaults(context, () => SendSms(context, parameters), c => Write(c, new { Code = "isp.SYSTEM_ERROR", Message = "injected busy", RequestId = "busy" })).ConfigureAwait(false);
                return;
            case "QuerySendDetails":
                await QuerySendDetails(context, parameters).ConfigureAwait(false);
                return;
            default:
                context.Response.StatusCode = 404;
                await Write(context, new { Code = "InvalidAction.NotFound", Message = "Specified api is not found." }).ConfigureAwait(false);
                return;
        }
    }

    private async Task SendSms(HttpContext context, Dictionary<string, string> p)
    {
        var phones = p.GetValueOrDefault("PhoneNumbers") ?? string.Empty;
        if (phones.Length == 0 || !phones.All(c => char.IsAsciiDigit(c) || c == ','))
        {
            await Write(context, new { Code = "isv.MOBILE_NUMBER_ILLEGAL", Message = "非法手机号", RequestId = "r" }).ConfigureAwait(false);
            return;
        }

        if (p.TryGetValue("TemplateParam", out var templateParam))
        {
            try
            {
                using var document = JsonDocument.Parse(templateParam);
                if (document.RootElement.EnumerateObject().Any(v => v.Value.ValueKind != JsonValueKind.String))
                {
                    throw new JsonException();
                }
            }
            catch (JsonException)
            {
                await Write(context, new { Code = "isv.INVALID_JSON_PARAM", Message = "JSON参数不合法，只接受字符串值", RequestId = "r" }).ConfigureAwait(false);
                return;
            }
        }

        var outId = p.GetValueOrDefault("OutId") ?? string.Empty;
        foreach (var phone in phones.Split(','))
        {
            _sent.GetOrAdd(phone, _ => new()).Enqueue((outId, p.GetValueOrDefault("TemplateCode") ?? string.Empty));
            Record(phone + "/" + outId);
        }

        var bizId = Interlocked.Increment(ref _bizIds).ToString(CultureInfo.InvariantCulture) + "^0";
        await Write(context, new { Code = "OK", Message = "OK", BizId = bizId, RequestId = Guid.NewGuid().ToString() }).ConfigureAwait(false);
    }

    private Task QuerySendDetails(HttpContext context, Dictionary<string, string> p)
    {
        if (QueryUnavailable)
        {
            context.Response.StatusCode = 503;
            return Write(context, new { Code = "ServiceUnavailable", Message = "injected" });
        }

        var list = _sent.TryGetValue(p.GetValueOrDefault("PhoneNumber") ?? string.Empty, out var sent) ? sent.ToArray() : [];
        var dtos = list.Select(s => new { PhoneNum = p["PhoneNumber"], SendStatus = 3, ErrCode = "DELIVERED", TemplateCode = s.Template, OutId = s.OutId }).ToArray();
        return Write(context, new { Code = "OK", Message = "OK", RequestId = "q", TotalCount = dtos.Length, SmsSendDetailDTOs = new { SmsSendDetailDTO = dtos } });
    }

    private static Task Write(HttpContext context, object value) => context.Response.WriteAsync(JsonSerializer.Serialize(value));
}
