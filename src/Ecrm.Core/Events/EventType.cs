using System.Text.Json.Serialization;
using Ecrm.Internal;
using Ecrm.Serialization;

namespace Ecrm;

/// <summary>
/// What happened: a follow, a comment, a purchase, a campaign click, ...
/// </summary>
/// <remarks>
/// An open set: the well-known values below have stable lowercase names used in JSON and on the command line, and
/// any other name made of lowercase letters, digits and inner hyphens is accepted as a custom value.
/// </remarks>
[JsonConverter(typeof(NameTokenJsonConverter<EventType>))]
public readonly record struct EventType : IComparable<EventType>, INameToken<EventType>
{
    private readonly string? _name;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name, for example <c>purchase</c>.</param>
    /// <exception cref="TokenFormatException">The name is empty, too long or not lowercase letters, digits and hyphens.</exception>
    public EventType(string name) => _name = NameToken.Validate(name, "event type");

    /// <summary>Gets the stable lowercase name (empty for the default value).</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the uninitialised default value.</summary>
    public bool IsDefault => _name is null;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name.</param>
    /// <returns>The value.</returns>
    public static EventType FromName(string name) => new(name);

    /// <inheritdoc />
    public int CompareTo(EventType other) => string.CompareOrdinal(_name, other._name);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static EventType Known(string name) => new(NameToken.Known(name));

    /// <summary>Followed an account (WeChat subscribe, Weibo follow).</summary>
    public static EventType Follow { get; } = Known("follow");

    /// <summary>Stopped following an account.</summary>
    public static EventType Unfollow { get; } = Known("unfollow");

    /// <summary>Sent a message to the brand.</summary>
    public static EventType Message { get; } = Known("message");

    /// <summary>Commented on a post.</summary>
    public static EventType Comment { get; } = Known("comment");

    /// <summary>Reposted a post.</summary>
    public static EventType Repost { get; } = Known("repost");

    /// <summary>Liked a post.</summary>
    public static EventType Like { get; } = Known("like");

    /// <summary>Mentioned the brand or another user.</summary>
    public static EventType Mention { get; } = Known("mention");

    /// <summary>Viewed a page.</summary>
    public static EventType PageView { get; } = Known("page-view");

    /// <summary>Added an item to the cart.</summary>
    public static EventType AddToCart { get; } = Known("add-to-cart");

    /// <summary>Bought something (requires an amount).</summary>
    public static EventType Purchase { get; } = Known("purchase");

    /// <summary>Was refunded (requires an amount).</summary>
    public static EventType Refund { get; } = Known("refund");

    /// <summary>Reviewed a product (text and/or rating).</summary>
    public static EventType Review { get; } = Known("review");

    /// <summary>Answered a survey.</summary>
    public static EventType SurveyResponse { get; } = Known("survey-response");

    /// <summary>Visited a physical store.</summary>
    public static EventType StoreVisit { get; } = Known("store-visit");

    /// <summary>A campaign message was delivered.</summary>
    public static EventType CampaignDelivered { get; } = Known("campaign-delivered");

    /// <summary>A campaign message was opened.</summary>
    public static EventType CampaignOpened { get; } = Known("campaign-opened");

    /// <summary>A campaign message was clicked.</summary>
    public static EventType CampaignClicked { get; } = Known("campaign-clicked");

    /// <summary>A campaign led to a conversion.</summary>
    public static EventType CampaignConverted { get; } = Known("campaign-converted");
}
