using Ecrm.Shop;
using Ecrm.WeChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Ecrm.Sdk's channel handlers to routes.</summary>
public static class EcrmEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the WeChat official account callback (GET verification, POST messages and events) to a route. The raw body
    /// is read up to the handler's limit (a larger body is answered 413 without reading it all).
    /// </summary>
    /// <param name="endpoints">The app's routes.</param>
    /// <param name="pattern">The route, such as <c>/wechat</c>.</param>
    /// <returns>The endpoint conventions.</returns>
    public static IEndpointConventionBuilder MapWeChatCallback(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMethods(pattern, ["GET", "POST"], async (HttpContext context, WeChatCallbackHandler handler, Microsoft.Extensions.Options.IOptions<WeChatOptions> options) =>
        {
            var body = await ReadBodyAsync(context, options.Value.MaxBodyBytes).ConfigureAwait(false);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var answer = await handler.HandleAsync(new WeChatRequest(context.Request.Method, query, body), context.RequestAborted).ConfigureAwait(false);
            return Results.Text(answer.Body, answer.ContentType, statusCode: answer.StatusCode);
        });
    }

    /// <summary>Maps the shop order webhooks to a route (POST; the raw body is passed through for the signature).</summary>
    /// <param name="endpoints">The app's routes.</param>
    /// <param name="pattern">The route, such as <c>/hooks/shop</c>.</param>
    /// <returns>The endpoint conventions.</returns>
    public static IEndpointConventionBuilder MapShopWebhooks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, async (HttpContext context, ShopWebhookHandler handler, Microsoft.Extensions.Options.IOptions<ShopWebhookOptions> options) =>
        {
            var body = await ReadBodyAsync(context, options.Value.MaxBodyBytes).ConfigureAwait(false);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var answer = await handler.HandleAsync(new ShopWebhookRequest(context.Request.Method, headers, body), context.RequestAborted).ConfigureAwait(false);
            return Results.Text(answer.Reason, "text/plain; charset=utf-8", statusCode: answer.StatusCode);
        });
    }

    /// <summary>Maps SendGrid's signed event webhook to a route (POST; deliveries, opens, clicks, bounces, unsubscribes).</summary>
    /// <param name="endpoints">The app's routes.</param>
    /// <param name="pattern">The route, such as <c>/webhooks/sendgrid</c>.</param>
    /// <returns>The endpoint conventions.</returns>
    public static IEndpointConventionBuilder MapSendGridEvents(this IEndpointRouteBuilder endpoints, string pattern) =>
        MapEmailEvents(endpoints, pattern, (handler, context, body) => handler.HandleSendGridAsync(
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, context.RequestAborted));

    /// <summary>Maps Mailgun's webhooks to a route (POST, JSON).</summary>
    /// <param name="endpoints">The app's routes.</param>
    /// <param name="pattern">The route, such as <c>/webhooks/mailgun</c>.</param>
    /// <returns>The endpoint conventions.</returns>
    public static IEndpointConventionBuilder MapMailgunEvents(this IEndpointRouteBuilder endpoints, string pattern) =>
        MapEmailEvents(endpoints, pattern, (handler, context, body) => handler.HandleMailgunAsync(body, context.RequestAborted));

    private static IEndpointConventionBuilder MapEmailEvents(IEndpointRouteBuilder endpoints, string pattern, Func<Ecrm.Messaging.Email.EmailEventWebhookHandler, HttpContext, byte[], ValueTask<(int StatusCode, string Reason)>> handle)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, async (HttpContext context, Ecrm.Messaging.Email.EmailEventWebhookHandler handler, Microsoft.Extensions.Options.IOptions<Ecrm.Messaging.Email.EmailEventWebhookOptions> options) =>
        {
            var body = await ReadBodyAsync(context, options.Value.MaxBodyBytes).ConfigureAwait(false);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var (status, reason) = await handle(handler, context, body).ConfigureAwait(false);
            return Results.Text(reason, "text/plain; charset=utf-8", statusCode: status);
        });
    }

    /// <summary>Reads the body, or returns null as soon as it exceeds the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
