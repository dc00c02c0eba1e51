using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecrm.SampleWebHost.Tests;

/// <summary>
/// The sample web host end to end on 127.0.0.1 with a real SQLite file: a signed, encrypted WeChat subscribe (the
/// spec's safe-mode sample, byte for byte) and a signed shop order from the same person, then one customer in the 360.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime, IDisposable
{
    private const string ShopSecret = "e2e-shop-secret";
    private const string OpenId = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-web-").FullName;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = SampleWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration["Ecrm:Store"] = "sqlite:" + Path.Combine(_folder, "ecrm-web.db");
            builder.Configuration["Ecrm:Shop:Secret"] = ShopSecret;
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EncryptedSubscribe_AndSignedOrder_BecomeOneCustomer()
    {
        // 1. WeChat safe mode: the spec's derived subscribe sample (QR scene 123123), exactly as WeChat would post it.
        var wechat = await _client.PostAsync(
            "/wechat/callback?signature=899cf89e464efb63f54ddac96b0a0a235f53aa78&timestamp=1714037059&nonce=486452656&openid=" + OpenId + "&encrypt_type=aes&msg_signature=b4c90f50811a09c6666c3be3e116f9fe97aa9fef",
            new StringContent(SafeModeSubscribe, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.OK, wechat.StatusCode);
        Assert.Equal("success", await wechat.Content.ReadAsStringAsync());

        // 2. The WeChat mall's order, signed like Shopify (HMAC-SHA256 of the raw body, Base64), naming the buyer's openid.
        var order = """
            {"id":5847392847,"name":"#1042","email":"lin.xiaoyu@example.com","phone":"+86 138 0013 8000","created_at":"2024-04-25T17:30:00+08:00",
             "currency":"CNY","total_price":"249.00","financial_status":"paid",
             "customer":{"id":1110987654321,"email":"lin.xiaoyu@example.com","first_name":"晓雨","last_name":"林"},
             "note_attributes":[{"name":"wechat_openid","value":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY"}],
             "line_items":[{"id":1,"sku":"TEA-GIFT-01","title":"青禾 明前龙井礼盒","quantity":1,"price":"249.00"}]}
            """;
        var shop = await PostOrder(order, ShopSecret);
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);

        // 3. One customer, found by either identity, with both channels in the timeline.
        using var byOpenId = JsonDocument.Parse(await Get($"/customers?identity=wechat-openid:wx134c8103faa5a59e/{OpenId}", HttpStatusCode.OK));
        using var byPhone = JsonDocument.Parse(await Get("/customers?identity=" + Uri.EscapeDataString("phone:+8613800138000"), HttpStatusCode.OK));
        var profile = byOpenId.RootElement.GetProperty("profile");
        Assert.Equal(profile.GetProperty("id").GetString(), byPhone.RootElement.GetProperty("profile").GetProperty("id").GetString());
        var identities = profile.GetProperty("identities").EnumerateArray()
            .Select(i => i.GetProperty("identity"))
            .Select(i => i.GetProperty("kind").GetString() + ":" + (i.TryGetProperty("scope", out var scope) ? scope.GetString() + "/" : string.Empty) + i.GetProperty("value").GetString())
            .ToList();
        Assert.Contains($"wechat-openid:wx134c8103faa5a59e/{OpenId}", identities);
        Assert.Contains("email:lin.xiaoyu@example.com", identities);
        Assert.Contains("phone:+8613800138000", identities);
        var timeline = byOpenId.RootElement.GetProperty("timeline").GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "follow" && e.GetProperty("properties").GetProperty("sceneCode").GetString() == "123123");
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "purchase" && e.GetProperty("channel").GetString() == "shop");
    }

    [Fact]
    public async Task ForgedOrder_IsRefused_AndNothingIsStored()
    {
        var forged = await PostOrder("""{"id":1,"email":"x@example.com","total_price":"1.00","currency":"CNY"}""", "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await Get("/customers?identity=email:x@example.com", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CustomersEndpoint_ExplainsBadQueries()
    {
        Assert.Contains("KIND:VALUE", await Get("/customers", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("kind:value", await Get("/customers?identity=nonsense", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostOrder(string json, string secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shop") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Shop-Domain", "qinghe.myshopify.com");
        request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return await _client.SendAsync(request);
    }

    private async Task<string> Get(string path, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private const string SafeModeSubscribe = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[uMMzGtqcnpOzXOYBwDQNrToODL9rGBsvAV1cLuOmiGfHweJGBU7Rj5R1kUyMgkMuuO8xIWNEPwNAdshU8Lt9bEwoygf9ItizM4LPPyNLe2OyfC4aJta1OYUfaFtcpIx2ST5C8bjvH5w1FN2Hd7tNhoZl2FkEsKA686vTJIlHfrV7DdKCsDUsqH+z8QLVg2fy++tn88NsYEFNsEIPIYkin0YtAc7Y34Ijs6DMBVKUjUMtiHhcrnQ0ejx7kKHGqy1G19VNh3kUj7EpDiZzTw0mJ9rKBk5LJq2onlx3bKLGbLarY0eg2ua181nogvtqOTWKESkkTgLMku88nT7JUVNXgsCqlJusY6nd706QkdF//jH86vDaFXBgXGg2y1ZrIdHkvYMuF1jv87aw8UZwmGNbVAkpr73YSm1pL4G8HT1DvZpL2eMQaKgow2XEw7uiMouEww22HYxoWEWisMcvNgfvIbVnILJAkQzDCblIVUmUnZcgeoEMWPHl6M3jBeusG3U4]]></Encrypt></xml>";
}
