using Ecrm.Messaging;
using Ecrm.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.WeChat.Api;

/// <summary>
/// Sends on the official account: a message with a <see cref="OutboundMessage.TemplateId"/> becomes a template
/// message (<c>/cgi-bin/message/template/send</c>: data keys with <c>value</c>, the link as <c>url</c>, the
/// idempotency key as <c>client_msg_id</c>, the receipt carrying WeChat's <c>msgid</c>, which the
/// <c>TEMPLATESENDJOBFINISH</c> callback reports on later); any other message with a text becomes a
/// customer-service text (<c>/cgi-bin/message/custom/send</c>, only within 48 hours of the user's last interaction:
/// outside it WeChat answers 45015 and the receipt fails with that code).
/// </summary>
/// <remarks>
/// Customer-service messages carry no idempotency key, so one whose answer is lost is reported unconfirmed, never
/// repeated; template messages are repeated with the same <c>client_msg_id</c> when
/// <see cref="WeChatApiOptions.TemplateRepeatsRecognised"/> is set.
/// </remarks>
public sealed class WeChatMessageSender : MessageSenderBase
{
    private readonly WeChatApiClient _api;
    private readonly WeChatApiOptions _options;

    /// <summary>Initializes the sender.</summary>
    /// <param name="api">The API client.</param>
    /// <param name="options">The account settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public WeChatMessageSender(WeChatApiClient api, IOptions<WeChatApiOptions> options, TimeProvider time, ILogger<WeChatMessageSender>? logger = null)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options.Value;
    }

    /// <inheritdoc />
    public override EventChannel Channel => EventChannel.WeChat;

    /// <inheritdoc />
    public override string Provider => "wechat";

    /// <inheritdoc />
    protected override void CheckMessage(OutboundMessage message)
    {
        if (message.Recipient.Kind != IdentityKind.WeChatOpenId || message.Recipient.Scope != _api.AppId)
        {
            throw new MessageFormatException(nameof(message.Recipient), $"expected a wechat-openid of app {_api.AppId}, received {message.Recipient.Kind} scoped to '{message.Recipient.Scope}'");
        }

        if (string.IsNullOrEmpty(message.TemplateId) && string.IsNullOrEmpty(message.Text))
        {
            throw new MessageFormatException(nameof(message.Text), "expected a text (customer-service message) or a template id, received neither");
        }
    }

    /// <inheritdoc />
    protected override async Task<ProviderCallResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var openId = message.Recipient.Value;
        (ProviderCallResult Result, System.Text.Json.JsonDocument? Answer) outcome;
        if (message.TemplateId is { Length: > 0 } template)
        {
            outcome = await _api.CallAsync(
                HttpMethod.Post,
                "cgi-bin/message/template/send",
                null,
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("touser", openId);
                    w.WriteString("template_id", template);
                    if (message.Link is { } link)
                    {
                        w.WriteString("url", link.AbsoluteUri);
                    }

                    w.WriteString("client_msg_id", message.IdempotencyKey);
                    w.WriteStartObject("data");
                    foreach (var (key, value) in message.TemplateData ?? new Dictionary<string, string>())
                    {
                        w.WriteStartObject(key);
                        w.WriteString("value", value);
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                },
                _options.TemplateRepeatsRecognised ? RepeatSafety.Safe : RepeatSafety.Unsafe,
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = await _api.CallAsync(
                HttpMethod.Post,
                "cgi-bin/message/custom/send",
                null,
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("touser", openId);
                    w.WriteString("msgtype", "text");
                    w.WriteStartObject("text");
                    w.WriteString("content", message.Text);
                    w.WriteEndObject();
                    w.WriteEndObject();
                },
                RepeatSafety.Unsafe,
                cancellationToken).ConfigureAwait(false);
        }

        outcome.Answer?.Dispose();
        return outcome.Result;
    }
}
