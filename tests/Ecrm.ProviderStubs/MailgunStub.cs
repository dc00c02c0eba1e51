using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecrm.ProviderStubs;

/// <summary>
/// Mailgun messages (spec §5.3): HTTP Basic <c>api:KEY</c>, form fields from / to / subject / text|html|template,
/// 200 with <c>{"id","message"}</c>, 400 with <c>{"message"}</c>; deliveries recorded by <c>v:ecrm-key</c>.
/// </summary>
public sealed class MailgunStub : ProviderStub
{
    /// <summary>The API key the stub accepts.</summary>
    public const string ApiKey = "key-test";

    /// <summary>The sending domain the stub serves.</summary>
    public const string Domain = "mg.example.com";

    private int _ids;

    /// <inheritdoc />
    protected override void Map(WebApplication app) => app.MapPost("/v3/{domain}/messages", (HttpContext context, string domain) =>
    {
        if (context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + ApiKey)) || domain != Domain)
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync("Forbidden");
        }

        return WithFaults(context, () => Send(context), c =>
        {
            c.Response.StatusCode = 503;
            return c.Response.WriteAsync("busy");
        });
    });

    private async Task Send(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        string? missing = string.IsNullOrEmpty(form["from"]) ? "from" : string.IsNullOrEmpty(form["to"]) ? "to"
            : string.IsNullOrEmpty(form["text"]) && string.IsNullOrEmpty(form["html"]) && string.IsNullOrEmpty(form["template"]) ? "text" : null;
        if (missing is not null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { message = $"'{missing}' parameter is missing" })).ConfigureAwait(false);
            return;
        }

        Record(form["v:ecrm-key"].ToString());
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { id = $"<{Interlocked.Increment(ref _ids)}.ABCDEF@{Domain}>", message = "Queued. Thank you." })).ConfigureAwait(false);
    }
}
