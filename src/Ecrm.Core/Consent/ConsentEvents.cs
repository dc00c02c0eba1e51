using Ecrm.Messaging;

namespace Ecrm.Consent;

/// <summary>
/// The events that carry consent, and what each says. Explicit ones: <c>consent-given</c> and
/// <c>consent-withdrawn</c>, about the event's channel (or <c>custom.channel</c>; <c>all</c> for every channel) and
/// <c>custom.purpose</c> (<c>marketing</c>, <c>service</c>, <c>survey</c> or <c>all</c>; default marketing). Implicit
/// ones: a WeChat <c>unfollow</c> withdraws everything on WeChat and a <c>follow</c> grants marketing and service there
/// (<see cref="ConsentOptions.FollowGrantsWeChat"/>); an <c>unsubscribe</c> (an e-mail link, a preference centre)
/// withdraws its channel's <c>custom.purpose</c> (default marketing); an SMS <c>message</c> that reads TD, 退订, STOP, ...
/// withdraws SMS marketing and surveys.
/// </summary>
public static class ConsentEvents
{
    /// <summary>The type of an explicit opt-in.</summary>
    public static readonly EventType Given = EventType.FromName("consent-given");

    /// <summary>The type of an explicit opt-out.</summary>
    public static readonly EventType Withdrawn = EventType.FromName("consent-withdrawn");

    /// <summary>The type of an unsubscribe from a channel (e-mail link, preference centre).</summary>
    public static readonly EventType Unsubscribe = EventType.FromName("unsubscribe");

    /// <summary>The channel name meaning every channel.</summary>
    public const string AllChannels = "all";

    /// <summary>What an event says about consent (nothing for most events).</summary>
    /// <param name="e">The event.</param>
    /// <param name="options">The rules.</param>
    /// <returns>The (channel, purpose, status) statements; a null channel means every channel.</returns>
    public static IEnumerable<(EventChannel? Channel, MessagePurpose Purpose, ConsentStatus Status)> Read(CustomerEvent e, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(options);
        var custom = e.Properties?.Custom;
        if (e.Type == Given || e.Type == Withdrawn)
        {
            var status = e.Type == Given ? ConsentStatus.Granted : ConsentStatus.Withdrawn;
            EventChannel? channel = e.Channel;
            if (custom?.GetValueOrDefault("channel") is { Length: > 0 } named)
            {
                if (named == AllChannels)
                {
                    channel = null;
                }
                else if (NameTokenIsValid(named))
                {
                    channel = EventChannel.FromName(named);
                }
                else
                {
                    return [];
                }
            }

            return Purposes(custom, MessagePurpose.Marketing).Select(p => (channel, p, status));
        }

        if (e.Type == Unsubscribe)
        {
            return Purposes(custom, MessagePurpose.Marketing).Select(p => ((EventChannel?)e.Channel, p, ConsentStatus.Withdrawn));
        }

        if (e.Channel == EventChannel.WeChat && e.Type == EventType.Unfollow)
        {
            return Enum.GetValues<MessagePurpose>().Select(p => ((EventChannel?)EventChannel.WeChat, p, ConsentStatus.Withdrawn));
        }

        if (e.Channel == EventChannel.WeChat && e.Type == EventType.Follow && options.FollowGrantsWeChat)
        {
            return [(EventChannel.WeChat, MessagePurpose.Marketing, ConsentStatus.Granted), (EventChannel.WeChat, MessagePurpose.Service, ConsentStatus.Granted)];
        }

        if (e.Channel == EventChannel.Sms && e.Type == EventType.Message && e.Properties?.Text is { } text && options.SmsUnsubscribeReplies.Contains(text.Trim()))
        {
            return [(EventChannel.Sms, MessagePurpose.Marketing, ConsentStatus.Withdrawn), (EventChannel.Sms, MessagePurpose.Survey, ConsentStatus.Withdrawn)];
        }

        return [];
    }

    private static IEnumerable<MessagePurpose> Purposes(IReadOnlyDictionary<string, string>? custom, MessagePurpose fallback) =>
        custom?.GetValueOrDefault("purpose") switch
        {
            null or "" => [fallback],
            "all" => Enum.GetValues<MessagePurpose>(),
            "marketing" => [MessagePurpose.Marketing],
            "service" => [MessagePurpose.Service],
            "survey" => [MessagePurpose.Survey],
            _ => [], // an unknown purpose says nothing (see ConsentRegistry.RecordAsync for the validated way in)
        };

    private static bool NameTokenIsValid(string name)
    {
        try
        {
            _ = EventChannel.FromName(name);
            return true;
        }
        catch (TokenFormatException)
        {
            return false;
        }
    }
}
