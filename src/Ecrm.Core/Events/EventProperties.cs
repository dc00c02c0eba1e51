namespace Ecrm;

/// <summary>The typed properties an event may carry. Every member is optional; validation checks the ones present.</summary>
public sealed record EventProperties
{
    /// <summary>Gets the monetary amount (required for purchases and refunds, never negative).</summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets the ISO 4217 currency code of <see cref="Amount"/>; the configured default when absent.</summary>
    public string? Currency { get; init; }

    /// <summary>Gets the order id of a purchase or refund.</summary>
    public string? OrderId { get; init; }

    /// <summary>Gets the line items of a purchase, refund or cart event.</summary>
    public IReadOnlyList<LineItem>? LineItems { get; init; }

    /// <summary>Gets the text of a message, comment, review, post or survey answer.</summary>
    public string? Text { get; init; }

    /// <summary>Gets a rating from 0 to 5 (reviews, surveys).</summary>
    public decimal? Rating { get; init; }

    /// <summary>Gets the id of the post (Weibo status, article) the event is about.</summary>
    public string? TargetPostId { get; init; }

    /// <summary>Gets the author of the target post, or the person mentioned / replied to. Links the two customers.</summary>
    public Identity? TargetAuthor { get; init; }

    /// <summary>Gets the person who referred or invited this person. Links the two customers.</summary>
    public Identity? Referrer { get; init; }

    /// <summary>Gets the acting person's follower count on the channel at the time of the event.</summary>
    public long? FollowerCount { get; init; }

    /// <summary>Gets the campaign or media code (UTM campaign, coupon code) the event is attributed to.</summary>
    public string? CampaignCode { get; init; }

    /// <summary>Gets the QR scene code (WeChat parametric QR codes).</summary>
    public string? SceneCode { get; init; }

    /// <summary>Gets the page or link URL of a page view or click.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the store id of a store visit or in-store purchase.</summary>
    public string? StoreId { get; init; }

    /// <summary>Gets where the event happened.</summary>
    public GeoLocation? Location { get; init; }

    /// <summary>Gets other properties by name (lowercase names with hyphens).</summary>
    public IReadOnlyDictionary<string, string>? Custom { get; init; }
}
