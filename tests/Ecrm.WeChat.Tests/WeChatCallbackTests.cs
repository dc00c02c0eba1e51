using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.WeChat.Tests;

/// <summary>The callback against the official vectors of the spec, the mapping, retries, forgeries and fuzzing.</summary>
public sealed class WeChatCallbackTests : IAsyncDisposable
{
    private const string ZeroKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string AppId = "wx134c8103faa5a59e";
    private const string VectorC = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
    private const string VectorE = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
    private const string SafeSubscribe = "uMMzGtqcnpOzXOYBwDQNrToODL9rGBsvAV1cLuOmiGfHweJGBU7Rj5R1kUyMgkMuuO8xIWNEPwNAdshU8Lt9bEwoygf9ItizM4LPPyNLe2OyfC4aJta1OYUfaFtcpIx2ST5C8bjvH5w1FN2Hd7tNhoZl2FkEsKA686vTJIlHfrV7DdKCsDUsqH+z8QLVg2fy++tn88NsYEFNsEIPIYkin0YtAc7Y34Ijs6DMBVKUjUMtiHhcrnQ0ejx7kKHGqy1G19VNh3kUj7EpDiZzTw0mJ9rKBk5LJq2onlx3bKLGbLarY0eg2ua181nogvtqOTWKESkkTgLMku88nT7JUVNXgsCqlJusY6nd706QkdF//jH86vDaFXBgXGg2y1ZrIdHkvYMuF1jv87aw8UZwmGNbVAkpr73YSm1pL4G8HT1DvZpL2eMQaKgow2XEw7uiMouEww22HYxoWEWisMcvNgfvIbVnILJAkQzDCblIVUmUnZcgeoEMWPHl6M3jBeusG3U4";
    private readonly ServiceProvider _provider;

    public WeChatCallbackTests()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddWeChat(o =>
        {
            o.AppId = AppId;
            o.Token = "AAAAA";
            o.EncodingAesKey = ZeroKey;
        });
        _provider = services.BuildServiceProvider();
        Handler = _provider.GetRequiredService<WeChatCallbackHandler>();
        Graph = _provider.GetRequiredService<ICustomerGraph>();
    }

    private WeChatCallbackHandler Handler { get; }

    private ICustomerGraph Graph { get; }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task UrlVerification_EchoesTheOfficialExample()
    {
        var query = new Dictionary<string, string> { ["signature"] = "f464b24fc39322e44b38aa78f5edd27bd1441696", ["echostr"] = "4375120948345356249", ["timestamp"] = "1714036504", ["nonce"] = "1514711492" };
        var answer = await Handler.HandleAsync(new WeChatRequest("GET", query, []));
        Assert.Equal((200, "4375120948345356249"), (answer.StatusCode, answer.Body));
        query["signature"] = "0000000000000000000000000000000000000000";
        Assert.Equal(401, (await Handler.HandleAsync(new WeChatRequest("GET", query, []))).StatusCode);
    }

    [Fact]
    public void Signatures_SortOrdinally_AsTheOfficialPostExample()
    {
        Assert.Equal("899cf89e464efb63f54ddac96b0a0a235f53aa78", WeChatCrypto.Signature("AAAAA", "1714037059", "486452656"));
        Assert.Equal(WeChatCrypto.Signature("1", "ABD", "abc"), WeChatCrypto.Signature("abc", "ABD", "1")); // "1ABDabc" whatever the order
    }

    [Fact]
    public void SafeModeVectors_EncryptAndDecrypt()
    {
        Assert.Equal("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==",
            WeChatCrypto.Encrypt("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6", "我是中文abcd123", Encoding.ASCII.GetBytes("aaaabbbbccccdddd")));

        Assert.Equal("5d197aaffba7e9b25a30732f161a50dee96bd5fa", WeChatCrypto.Signature("spamtest", "1409735669", "1320562132", VectorC));
        var c = WeChatCrypto.Decrypt(VectorC, "wx2c2769f8efd9abc2", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        Assert.Contains("<Content><![CDATA[abcdteT]]></Content>", c, StringComparison.Ordinal);
        Assert.Contains("6054768590064713728", c, StringComparison.Ordinal);

        Assert.Equal("6c12a4205838198b8fa631b3220723bb07f1015c", WeChatCrypto.Signature("AAAAA", "1715943329", "1590219412", VectorE));
        var e = WeChatCrypto.Decrypt(VectorE, AppId, ZeroKey);
        Assert.Equal(292, Encoding.UTF8.GetByteCount(e));
        Assert.Contains("<Event><![CDATA[debug_demo]]></Event>", e, StringComparison.Ordinal);

        var reply = WeChatCrypto.Encrypt(ZeroKey, AppId, "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>", Encoding.ASCII.GetBytes("999951349e8ee746"));
        Assert.Equal("hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7", reply);
        Assert.Equal("03e0812039325c2712ef5f0f980fd14c70d6e307", WeChatCrypto.Signature("AAAAA", "1713424427", "415670741", reply));

        Assert.Throws<EcrmException>(() => WeChatCrypto.Decrypt(VectorE, "wx-someone-else", ZeroKey));
        Assert.Throws<EcrmException>(() => WeChatCrypto.Decrypt(VectorE, AppId, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
    }

    [Fact]
    public async Task ASafeModeSubscribeFromAQrCode_BecomesAFollowWithItsScene()
    {
        var query = CallbackQuery.Signed("1714037059", "486452656", ("openid", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY"), ("encrypt_type", "aes"), ("msg_signature", "b4c90f50811a09c6666c3be3e116f9fe97aa9fef"));
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{SafeSubscribe}]]></Encrypt></xml>");
        var answer = await Handler.HandleAsync(new WeChatRequest("POST", query, body));
        Assert.Equal((200, "success"), (answer.StatusCode, answer.Body));
        var customer = (await Graph.FindAsync(Identity.WeChatOpenId(AppId, "o9AgO5Kd5ggOC-bXrbNODIiE3bGY")))!;
        var follow = Assert.Single(customer.Timeline.Events);
        Assert.Equal(EventType.Follow, follow.Type);
        Assert.Equal("123123", follow.Properties!.SceneCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1714037059), follow.OccurredAt);

        query["msg_signature"] = "b4c90f50811a09c6666c3be3e116f9fe97aa9fe0";
        Assert.Equal(401, (await Handler.HandleAsync(new WeChatRequest("POST", query, body))).StatusCode);
    }

    [Fact]
    public async Task APlainTextMessage_IsIngestedOnce_WhateverTheRetries()
    {
        var body = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[物流太慢了]]></Content><MsgId>1234567890123456</MsgId></xml>"u8.ToArray();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal("success", (await Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1714037059", "486452656"), body))).Body);
        }

        var message = (await _provider.GetRequiredService<Ecrm.Storage.CustomerStore>().GetEventAsync($"wechat:{AppId}:msg:1234567890123456"))!;
        Assert.Equal("物流太慢了", message.Properties!.Text);
        Assert.Equal(1, (await Graph.GetStatisticsAsync()).Events);
    }

    [Theory]
    [InlineData("<Event><![CDATA[unsubscribe]]></Event>", "unfollow")]
    [InlineData("<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[store-42]]></EventKey><Ticket><![CDATA[T]]></Ticket>", "qr-scan")]
    [InlineData("<Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>", "location-update")]
    [InlineData("<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>", "campaign-delivered")]
    [InlineData("<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163837</MsgID><Status><![CDATA[failed:user block]]></Status>", "campaign-failed")]
    public async Task Events_MapToCanonicalTypes(string fields, string type)
    {
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser2]]></FromUserName><CreateTime>1395658920</CreateTime><MsgType><![CDATA[event]]></MsgType>{fields}</xml>");
        Assert.Equal(200, (await Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1", "2"), body))).StatusCode);
        var customer = (await Graph.FindAsync(Identity.WeChatOpenId(AppId, "oUser2")))!;
        Assert.Equal(type, Assert.Single(customer.Timeline.Events).Type.Name);
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><FromUserName>&x;</FromUserName></xml>", 400)]
    [InlineData("<xml><FromUserName>o</FromUserName>", 400)]
    [InlineData("<notxml/>", 400)]
    [InlineData("<xml><FromUserName>o</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId><Content>x</Content></xml>", 400)]
    public async Task HostileOrMalformedBodies_AreRefusedWithAReason(string xml, int status)
    {
        var answer = await Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1", "2"), Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(status, answer.StatusCode);
        Assert.DoesNotContain("root:", answer.Body, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property SignedGarbageAndMutatedMessages_NeverThrow() =>
        Prop.ForAll(
            Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                Gen.Choose(0, 200).SelectMany(i => Gen.Elements('<', '>', '/', '&', '"', 'x', ']').Select(c =>
                {
                    const string Valid = "<xml><FromUserName><![CDATA[oFuzz]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>42</MsgId></xml>";
                    var at = i % Valid.Length;
                    return Valid[..at] + c + Valid[(at + 1)..];
                })))
                .ToArbitrary(),
            body =>
            {
                var answer = Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1", "2"), Encoding.UTF8.GetBytes(body))).AsTask().GetAwaiter().GetResult();
                return answer.StatusCode is 200 or 400;
            });
}
