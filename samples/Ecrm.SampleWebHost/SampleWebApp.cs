using System.Text.Json;
using Ecrm.Serialization;
using Ecrm.Shop;
using Microsoft.AspNetCore.Builder;

namespace Ecrm.SampleWebHost;

/// <summary>
/// The sample web host: the WeChat callback at <c>/wechat/callback</c>, the shop webhook at <c>/webhooks/shop</c> and
/// <c>GET /customers?identity=KIND:VALUE</c> (the 360 as JSON), configured from the <c>Ecrm</c> section of
/// appsettings.json (or environment variables such as <c>Ecrm__Shop__Secret</c>). Binds to 127.0.0.1 by default.
/// </summary>
public static class SampleWebApp
{
    /// <summary>Builds the app.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--Ecrm:Store=memory</c>).</param>
    /// <param name="configure">Changes the builder before the app is built (tests set the URL and the store).</param>
    /// <returns>The app, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var section = builder.Configuration.GetSection("Ecrm");
        var appId = section["WeChat:AppId"];
        var ecrm = builder.Services.AddEcrm()
            .AddWeChat(o =>
            {
                o.AppId = appId;
                o.Token = section["WeChat:Token"];
                o.EncodingAesKey = NullIfEmpty(section["WeChat:EncodingAesKey"]);
            })
            .AddShopWebhooks(o =>
            {
                o.Secrets.Add(section["Shop:Secret"] ?? string.Empty);
                o.Mapper = new ShopifyWebhookMapper(appId);
            });
        var store = section["Store"] ?? "default";
        if (store == "default")
        {
            // The sample's data folder, outside the repository: $ECRM_SAMPLE_DATA, else the user's local data folder.
            var folder = Environment.GetEnvironmentVariable("ECRM_SAMPLE_DATA") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ecrm-sample");
            store = "sqlite:" + Path.Combine(folder, "ecrm-web.db");
        }

        if (store.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(store["sqlite:".Length..], builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ecrm.UseSqliteStore(path);
        }
        else if (store != "memory")
        {
            throw new EcrmException($"Ecrm:Store: expected 'default', 'memory' or 'sqlite:PATH', received '{store}'.");
        }

        var app = builder.Build();
        app.MapWeChatCallback("/wechat/callback");
        app.MapShopWebhooks("/webhooks/shop");
        app.MapGet("/customers", async (string? identity, ICustomerGraph graph, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(identity))
            {
                return Results.Problem("Expected ?identity=KIND:VALUE, such as phone:+8613800138000 or wechat-openid:APPID/OPENID.", statusCode: 400);
            }

            Customer360? customer;
            try
            {
                customer = await graph.FindAsync(Identity.Parse(identity), cancellationToken).ConfigureAwait(false);
            }
            catch (EcrmException ex)
            {
                return Results.Problem(ex.Message, statusCode: 400);
            }

            return customer is null
                ? Results.Problem($"No customer has the identity '{identity}'.", statusCode: 404)
                : Results.Text(JsonSerializer.Serialize(customer, EcrmJsonContext.Readable.Customer360), "application/json; charset=utf-8");
        });
        return app;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
