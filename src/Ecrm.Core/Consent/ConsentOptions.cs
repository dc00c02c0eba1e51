using Ecrm.Messaging;

namespace Ecrm.Consent;

/// <summary>The consent rules: which purposes need an opt-in, quiet hours, and what counts as an unsubscribe.</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// Gets the purposes that need an explicit opt-in before anything is sent (PIPL and GDPR ask for separate consent to
    /// marketing). Default marketing and surveys; service messages go unless withdrawn.
    /// </summary>
    public ISet<MessagePurpose> RequireOptIn { get; } = new HashSet<MessagePurpose> { MessagePurpose.Marketing, MessagePurpose.Survey };

    /// <summary>Gets or sets the quiet hours for marketing and surveys (null: none). Default 21:00 to 09:00.</summary>
    public QuietHours? QuietHours { get; set; } = new();

    /// <summary>Gets or sets the time zone quiet hours are read in when the customer has no <c>time-zone</c> trait. Default Asia/Shanghai.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Gets or sets whether following the WeChat official account opts in to its marketing and service messages
    /// (unfollowing always withdraws everything on WeChat). Default true: following is the user's choice to hear from
    /// the account, and WeChat itself limits what an account may push.
    /// </summary>
    public bool FollowGrantsWeChat { get; set; } = true;

    /// <summary>
    /// Gets the SMS replies that unsubscribe (compared trimmed, ignoring case): the Chinese carriers' TD and T, 退订,
    /// STOP, UNSUBSCRIBE, N.
    /// </summary>
    public ISet<string> SmsUnsubscribeReplies { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "TD", "T", "退订", "STOP", "UNSUBSCRIBE", "N" };

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">The time zone is unknown; the message names it.</exception>
    public void Validate()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZone, out _))
        {
            throw new EcrmException($"ConsentOptions.DefaultTimeZone: expected an IANA time zone such as Asia/Shanghai, received '{DefaultTimeZone}'.");
        }
    }
}
