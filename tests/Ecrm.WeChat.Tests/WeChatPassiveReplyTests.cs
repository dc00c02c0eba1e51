using System.Text;
using System.Xml.Linq;
using Ecrm.Answers;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.WeChat.Tests;

/// <summary>Passive replies from the answer library, in plaintext and safe mode.</summary>
public sealed class WeChatPassiveReplyTests : IAsyncDisposable
{
    private const string ZeroKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string AppId = "wx134c8103faa5a59e";
    private readonly ServiceProvider _provider;

    public WeChatPassiveReplyTests()
    {
        var services = new ServiceCollection();
        services.AddEcrm()
            .AddAnswers(o => o.Library = new AnswerLibrary(
            [
                new AnswerEntry
                {
                    Id = "shipping-time",
                    Keywords = ["发货", "快递"],
                    Questions = ["什么时候发货"],
                    Answers = new Dictionary<string, string> { ["zh"] = "下单后48小时内发货 ]]> 顺丰配送。" },
                },
            ]))
            .AddWeChat(o =>
            {
                o.AppId = AppId;
                o.Token = "AAAAA";
                o.EncodingAesKey = ZeroKey;
            });
        _provider = services.BuildServiceProvider();
        Handler = _provider.GetRequiredService<WeChatCallbackHandler>();
    }

    private WeChatCallbackHandler Handler { get; }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task PlaintextQuestion_GetsATextReply_FromTheLibrary()
    {
        var answer = await Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1714037059", "486452656"), Text(1, "请问什么时候发货？")));
        Assert.Equal(200, answer.StatusCode);
        var xml = XElement.Parse(answer.Body);
        Assert.Equal(("o-user-1", "gh_97417a04a28d", "text"), ((string)xml.Element("ToUserName")!, (string)xml.Element("FromUserName")!, (string)xml.Element("MsgType")!));
        Assert.Equal("下单后48小时内发货 ]]> 顺丰配送。", (string)xml.Element("Content")!); // a CDATA end inside the answer survives
    }

    [Fact]
    public async Task SafeModeQuestion_GetsAnEncryptedSignedReply()
    {
        var encrypted = WeChatCrypto.Encrypt(ZeroKey, AppId, Encoding.UTF8.GetString(Text(2, "我的快递到哪了")));
        var query = CallbackQuery.Signed("1714037059", "486452656", ("encrypt_type", "aes"), ("msg_signature", WeChatCrypto.Signature("AAAAA", "1714037059", "486452656", encrypted)));
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>");
        var answer = await Handler.HandleAsync(new WeChatRequest("POST", query, body));
        var reply = XElement.Parse(answer.Body);
        var (cipher, signature, stamp, nonce) = ((string)reply.Element("Encrypt")!, (string)reply.Element("MsgSignature")!, (string)reply.Element("TimeStamp")!, (string)reply.Element("Nonce")!);
        Assert.True(WeChatCrypto.Verify(signature, "AAAAA", stamp, nonce, cipher));
        var inner = XElement.Parse(WeChatCrypto.Decrypt(cipher, AppId, ZeroKey));
        Assert.Equal(("o-user-2", "下单后48小时内发货 ]]> 顺丰配送。"), ((string)inner.Element("ToUserName")!, (string)inner.Element("Content")!));
    }

    [Fact]
    public async Task UnansweredQuestions_AndOtherMessages_AreAnsweredSuccess_AndLogged()
    {
        var answer = await Handler.HandleAsync(new WeChatRequest("POST", CallbackQuery.Signed("1714037059", "486452656"), Text(3, "耳机音质怎么样")));
        Assert.Equal("success", answer.Body);
        Assert.Contains(_provider.GetRequiredService<IAnswers>().GetUnmatched(), u => u.Question == "耳机音质怎么样" && u.Channels.Contains("wechat"));
    }

    private static byte[] Text(int user, string content) => Encoding.UTF8.GetBytes(
        $"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o-user-{user}]]></FromUserName><CreateTime>1714037059</CreateTime>"
        + $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{9000 + user}</MsgId></xml>");
}
