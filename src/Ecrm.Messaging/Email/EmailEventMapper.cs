namespace Ecrm.Messaging.Email;

/// <summary>
/// Turns a provider's report on one e-mail into a canonical event of the recipient: <c>campaign-delivered</c>,
/// <c>campaign-opened</c>, <c>campaign-clicked</c> (with the link), <c>campaign-failed</c> (with the reason), or an
/// <c>unsubscribe</c> from e-mail marketing (unsubscribes and spam complaints: consent applies it at once). The
/// campaign code travels back from the custom arguments the senders attach.
/// </summary>
internal static class EmailEventMapper
{
    public static CustomerEvent? Map(string provider, string eventId, EmailEventKind kind, string recipient, DateTimeOffset at, string? campaign, string? messageKey, string? url, string? reason)
    {
        if (kind == EmailEventKind.Ignored || string.IsNullOrWhiteSpace(recipient))
        {
            return null;
        }

        var custom = new Dictionary<string, string>(StringComparer.Ordinal) { ["provider"] = provider };
        if (messageKey is { Length: > 0 })
        {
            custom["message-key"] = messageKey;
        }

        if (reason is { Length: > 0 })
        {
            custom["reason"] = reason.Length > 500 ? reason[..500] : reason;
        }

        if (kind == EmailEventKind.Unsubscribed)
        {
            custom["purpose"] = "marketing";
        }

        return new CustomerEvent
        {
            Id = $"{provider}:{eventId}",
            Channel = EventChannel.Email,
            Type = kind switch
            {
                EmailEventKind.Delivered => EventType.CampaignDelivered,
                EmailEventKind.Opened => EventType.CampaignOpened,
                EmailEventKind.Clicked => EventType.CampaignClicked,
                EmailEventKind.Failed => EventType.FromName("campaign-failed"),
                _ => EventType.FromName("unsubscribe"),
            },
            OccurredAt = at,
            Identities = [Identity.Email(recipient)],
            Properties = new EventProperties { CampaignCode = campaign is { Length: > 0 } ? campaign : null, Url = url, Custom = custom },
        };
    }
}
