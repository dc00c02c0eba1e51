using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ecrm.ProviderStubs;

/// <summary>
/// SendGrid v3 Mail Send (spec §5.2): Bearer key checked, JSON validated (personalizations[0].to[0].email, from.email,
/// content or template_id), 202 with X-Message-Id, 400 with <c>errors[]</c>; deliveries recorded by
/// <c>custom_args.ecrm_key</c>. Throttling answers 429 with X-RateLimit-Remaining 0 and X-RateLimit-Reset (now).
/// </summary>
public sealed class SendGridStub : ProviderStub
{
    /// <summary>The API key the stub accepts.</summary>
    public const string ApiKey = "SG.test-key";

    private int _ids;

    /// <inheritdoc />
    protected override void Map(WebApplication app) => app.MapPost("/v3/mail/send", context =>
    {
        if (context.Request.Headers.Authorization != "Bearer " + ApiKey)
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync("""{"errors":[{"field":null,"message":"The provided authorization grant is invalid, expired, or revoked"}]}""");
        }

        return WithFaults(context, () => Send(context), c =>
        {
            c.Response.StatusCode = 503;
            return c.Response.WriteAsync("busy");
        });
    });

    /// <inheritdoc />
    protected override Task Throttle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = 429;
        context.Response.Headers["X-RateLimit-Limit"] = "600";
        context.Response.Headers["X-RateLimit-Remaining"] = "0";
        context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return context.Response.WriteAsync("""{"errors":[{"field":null,"message":"too many requests"}]}""");
    }

    private async Task Send(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        var root = document.RootElement;
        string? Error()
        {
            if (!root.TryGetProperty("personalizations", out var ps) || ps.GetArrayLength() == 0
                || !ps[0].TryGetProperty("to", out var to) || to.GetArrayLength() == 0 || !to[0].TryGetProperty("email", out _))
            {
                return "personalizations.0.to";
            }

            if (!root.TryGetProperty("from", out var from) || !from.TryGetProperty("email", out _))
            {
                return "from.email";
            }

            return root.TryGetProperty("content", out _) || root.TryGetProperty("template_id", out _) ? null : "content";
        }

        if (Error() is { } field)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($$"""{"errors":[{"field":"{{field}}","message":"The {{field}} field is required.","help":null}]}""").ConfigureAwait(false);
            return;
        }

        var key = root.GetProperty("personalizations")[0].TryGetProperty("custom_args", out var args) && args.TryGetProperty("ecrm_key", out var k) ? k.GetString()! : "?";
        Record(key);
        context.Response.StatusCode = 202;
        context.Response.Headers["X-Message-Id"] = "sg-" + Interlocked.Increment(ref _ids);
    }
}
