using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ecrm.WeChat;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// Inbound WeChat safe-mode callbacks on one core: 1,024 distinct subscribe events (different openids, times and QR
/// scenes), each encrypted with AES-256-CBC and signed as WeChat does, then handled as the callback handles them:
/// signature and msg_signature checked, the Encrypt element decrypted and its AppID checked, both XML documents
/// parsed with DTDs prohibited, the event mapped to a canonical follow. Ingestion is measured by the ingestion
/// benchmarks. Target: 50,000 callbacks per second per core (20 µs each). The baseline is the signature check alone.
/// </summary>
[BenchmarkCategory("channels")]
public class WeChatCallbackBenchmarks
{
    private const int Messages = 1_024;
    private const string AppId = "wx134c8103faa5a59e";
    private const string Token = "AAAAA";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private WeChatCallbackHandler _handler = null!;
    private WeChatRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddWeChat(o => { o.AppId = AppId; o.Token = Token; o.EncodingAesKey = Key; });
        _handler = services.BuildServiceProvider().GetRequiredService<WeChatCallbackHandler>();
        var random = new Random(7);
        _requests = [.. Enumerable.Range(0, Messages).Select(i =>
        {
            var created = (1714037059 + i).ToString(CultureInfo.InvariantCulture);
            var xml = $"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-{i:D6}bXrbNODIi]]></FromUserName>"
                + $"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
                + $"<EventKey><![CDATA[qrscene_{random.Next(1, 100_000)}]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket></xml>";
            var encrypted = WeChatCrypto.Encrypt(Key, AppId, xml);
            var nonce = random.Next().ToString(CultureInfo.InvariantCulture);
            var query = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["signature"] = WeChatCrypto.Signature(Token, created, nonce),
                ["timestamp"] = created,
                ["nonce"] = nonce,
                ["openid"] = $"o9AgO5Kd5ggOC-{i:D6}bXrbNODIi",
                ["encrypt_type"] = "aes",
                ["msg_signature"] = WeChatCrypto.Signature(Token, created, nonce, encrypted),
            };
            var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");
            return new WeChatRequest("POST", query, body);
        })];
        if (_handler.Decode(_requests[0]).Event is not { } first || first.Type != EventType.Follow)
        {
            throw new InvalidOperationException("The benchmark's messages do not decode to follows.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "Signature check only (SHA-1 of Token, timestamp, nonce)")]
    public int Signature()
    {
        var valid = 0;
        foreach (var request in _requests)
        {
            valid += WeChatCrypto.Verify(request.Get("signature"), Token, request.Get("timestamp")!, request.Get("nonce")!) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "Safe-mode callback: verify, decrypt, parse, map")]
    public int SafeModeCallback()
    {
        var follows = 0;
        foreach (var request in _requests)
        {
            follows += _handler.Decode(request).Event is { } e && e.Type == EventType.Follow ? 1 : 0;
        }

        return follows;
    }
}
