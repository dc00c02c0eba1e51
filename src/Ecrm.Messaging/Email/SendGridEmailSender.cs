using System.Net.Http.Headers;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.Messaging.Email;

/// <summary>
/// Sends e-mail through SendGrid's v3 Mail Send API (<c>Authorization: Bearer</c>, JSON). 202 is sent (the id from
/// <c>X-Message-Id</c>); 429 waits for <c>Retry-After</c>, else <c>X-RateLimit-Reset</c>, then retries; 5xx retries;
/// 400, 401, 403 and 413 fail with SendGrid's error text. The idempotency key and campaign travel as
/// <c>custom_args</c> (<c>ecrm_key</c>, <c>ecrm_campaign</c>) so event webhooks can be matched back; the campaign is
/// also a category.
/// </summary>
public sealed class SendGridEmailSender : EmailSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the sender asks the factory for.</summary>
    public const string HttpClientName = "ecrm-sendgrid";

    private readonly SendGridOptions _options;

    /// <summary>Initializes the sender.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The account settings (validated here).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SendGridEmailSender(IHttpClientFactory clients, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender>? logger = null)
        : base(clients, HttpClientName, Validated(options), time, logger) => _options = options.Value;

    /// <inheritdoc />
    public override string Provider => "sendgrid";

    /// <summary>The Mail Send request body for a message.</summary>
    internal byte[] Body(OutboundMessage message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("personalizations");
            w.WriteStartObject();
            w.WriteStartArray("to");
            w.WriteStartObject();
            w.WriteString("email", message.Recipient.Value);
            if (message.RecipientName is { Length: > 0 } name)
            {
                w.WriteString("name", name);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("custom_args");
            w.WriteString("ecrm_key", message.IdempotencyKey);
            if (message.CampaignCode is { } campaign)
            {
                w.WriteString("ecrm_campaign", campaign);
            }

            w.WriteEndObject();
            if (message.TemplateData is { Count: > 0 } data)
            {
                w.WriteStartObject("dynamic_template_data");
                foreach (var (key, value) in data)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("from");
            w.WriteString("email", _options.FromAddress);
            if (_options.FromName is { Length: > 0 } fromName)
            {
                w.WriteString("name", fromName);
            }

            w.WriteEndObject();
            if (message.Subject is { Length: > 0 } subject)
            {
                w.WriteString("subject", subject);
            }

            if (message.Text is { Length: > 0 } || message.Html is { Length: > 0 })
            {
                w.WriteStartArray("content");
                foreach (var (type, value) in new[] { ("text/plain", message.Text), ("text/html", message.Html) })
                {
                    if (value is { Length: > 0 })
                    {
                        w.WriteStartObject();
                        w.WriteString("type", type);
                        w.WriteString("value", value);
                        w.WriteEndObject();
                    }
                }

                w.WriteEndArray();
            }

            if (message.TemplateId is { Length: > 0 } template)
            {
                w.WriteString("template_id", template);
            }

            if (message.CampaignCode is { } category)
            {
                w.WriteStartArray("categories");
                w.WriteStringValue(category);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    protected override Task<ProviderCallResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        return Call.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                return request;
            },
            (response, answer) => ProviderAnswer.FromStatus(
                response,
                EmailErrors.Read(answer),
                Time,
                response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null),
            RepeatSafety.Unsafe,
            cancellationToken: cancellationToken);
    }

    private static SendGridOptions Validated(IOptions<SendGridOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Value.Validate();
        return options.Value;
    }
}
