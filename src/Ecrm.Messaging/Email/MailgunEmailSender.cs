using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.Messaging.Email;

/// <summary>
/// Sends e-mail through Mailgun's messages API (<c>POST /v3/{domain}/messages</c>, HTTP Basic <c>api:KEY</c>, form
/// fields <c>from</c>, <c>to</c>, <c>subject</c>, <c>text</c>, <c>html</c>, <c>template</c> with
/// <c>t:variables</c>). 200 is sent (the id from the JSON answer); 429 waits for <c>Retry-After</c> and retries; 5xx
/// retries; 400 and 401 fail with Mailgun's message. The idempotency key and campaign travel as the custom variables
/// <c>v:ecrm-key</c> and <c>v:ecrm-campaign</c>; the campaign is also the tag <c>o:tag</c>.
/// </summary>
public sealed class MailgunEmailSender : EmailSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the sender asks the factory for.</summary>
    public const string HttpClientName = "ecrm-mailgun";

    private readonly MailgunOptions _options;
    private readonly Uri _endpoint;

    /// <summary>Initializes the sender.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The account settings (validated here).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public MailgunEmailSender(IHttpClientFactory clients, IOptions<MailgunOptions> options, TimeProvider time, ILogger<MailgunEmailSender>? logger = null)
        : base(clients, HttpClientName, Validated(options), time, logger)
    {
        _options = options.Value;
        _endpoint = new Uri(_options.BaseAddress, $"v3/{_options.Domain}/messages");
    }

    /// <inheritdoc />
    public override string Provider => "mailgun";

    /// <summary>The form fields for a message.</summary>
    internal List<KeyValuePair<string, string>> Fields(OutboundMessage message)
    {
        static string Address(string email, string? name) => name is { Length: > 0 } ? $"\"{name.Replace("\"", string.Empty, StringComparison.Ordinal)}\" <{email}>" : email;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("from", Address(_options.FromAddress!, _options.FromName)),
            new("to", Address(message.Recipient.Value, message.RecipientName)),
            new("v:ecrm-key", message.IdempotencyKey),
        };
        void Add(string name, string? value)
        {
            if (value is { Length: > 0 })
            {
                fields.Add(new(name, value));
            }
        }

        Add("subject", message.Subject);
        Add("text", message.Text);
        Add("html", message.Html);
        Add("template", message.TemplateId);
        Add("o:tag", message.CampaignCode);
        Add("v:ecrm-campaign", message.CampaignCode);
        if (message.TemplateData is { Count: > 0 } data)
        {
            Add("t:variables", JsonSerializer.Serialize(data.ToDictionary(p => p.Key, p => p.Value), MessagingJsonContext.Default.DictionaryStringString));
        }

        return fields;
    }

    /// <inheritdoc />
    protected override Task<ProviderCallResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var fields = Fields(message);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + _options.ApiKey));
        return Call.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(fields) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
                return request;
            },
            (response, body) => ProviderAnswer.FromStatus(response, EmailErrors.Read(body), Time, response.IsSuccessStatusCode ? MessageId(body) : null),
            RepeatSafety.Unsafe,
            cancellationToken: cancellationToken);
    }

    private static string? MessageId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MailgunOptions Validated(IOptions<MailgunOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Value.Validate();
        return options.Value;
    }
}
