using System.Net;
using System.Text;
using Ecrm.Shop;
using Ecrm.WeChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecrm.AspNetCore.Tests;

/// <summary>The endpoints on a real Kestrel server on 127.0.0.1, called over HTTP with the platforms' wire formats.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private const string ShopSecret = "shpss_test_secret";
    private static readonly System.Security.Cryptography.ECDsa SendGridKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddEcrm()
            .AddWeChat(o =>
            {
                o.AppId = "wx134c8103faa5a59e";
                o.Token = "AAAAA";
                o.EncodingAesKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            })
            .AddShopWebhooks(o => o.Secrets.Add(ShopSecret))
            .AddEmailEventWebhooks(o => o.SendGridPublicKey = Convert.ToBase64String(SendGridKey.ExportSubjectPublicKeyInfo()));
        _app = builder.Build();
        _app.MapWeChatCallback("/wechat");
        _app.MapShopWebhooks("/hooks/shop");
        _app.MapSendGridEvents("/hooks/sendgrid");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task WeChat_UrlVerification_OverHttp()
    {
        var response = await _client.GetAsync("/wechat?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4375120948345356249", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync("/wechat?signature=0&echostr=1&timestamp=1&nonce=1")).StatusCode);
    }

    [Fact]
    public async Task WeChat_SafeModeSubscribe_OverHttp()
    {
        var xml = WeChatCrypto.Encrypt("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "wx134c8103faa5a59e",
            "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oHttp]]></FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_store-7]]></EventKey></xml>");
        var msgSignature = WeChatCrypto.Signature("AAAAA", "1714037059", "486452656", xml);
        var body = new StringContent($"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{xml}]]></Encrypt></xml>", Encoding.UTF8, "text/xml");
        var response = await _client.PostAsync($"/wechat?signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656&encrypt_type=aes&msg_signature={msgSignature}", body);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        var graph = _app.Services.GetRequiredService<ICustomerGraph>();
        var customer = (await graph.FindAsync(Identity.WeChatOpenId("wx134c8103faa5a59e", "oHttp")))!;
        Assert.Equal("store-7", Assert.Single(customer.Timeline.Events).Properties!.SceneCode);
    }

    [Fact]
    public async Task Shop_SignedOrder_ForgedOrder_AndOversizedBody_OverHttp()
    {
        const string Order = """{"id": 9001, "email": "buyer@example.com", "created_at": "2024-02-01T08:00:00Z", "currency": "CNY", "total_price": "88.00"}""";
        var signed = Post(Order, ShopWebhookHandler.Sign(ShopSecret, Encoding.UTF8.GetBytes(Order)));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(signed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(Post(Order, "Zm9yZ2Vk"))).StatusCode);
        var huge = new string('x', 2 << 20);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _client.SendAsync(Post(huge, ShopWebhookHandler.Sign(ShopSecret, Encoding.UTF8.GetBytes(huge))))).StatusCode);
        var graph = _app.Services.GetRequiredService<ICustomerGraph>();
        Assert.NotNull(await graph.FindAsync(Identity.Email("buyer@example.com")));

        static HttpRequestMessage Post(string body, string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/shop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Shopify-Topic", "orders/create");
            request.Headers.Add("X-Shopify-Shop-Domain", "qinghe.myshopify.com");
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
            request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
            return request;
        }
    }

    [Fact]
    public async Task SendGridEvents_OverHttp_SignedAndForged()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$"""[{"email":"http@example.com","timestamp":{{timestamp}},"event":"delivered","sg_event_id":"http-1","ecrm_campaign":"c1"}]""");
        HttpRequestMessage Request(byte[] signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/sendgrid") { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
            return request;
        }

        var signature = SendGridKey.SignData(Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray(), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(Request(signature))).StatusCode);
        signature[^1] ^= 0x55;
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(Request(signature))).StatusCode);
    }
}
