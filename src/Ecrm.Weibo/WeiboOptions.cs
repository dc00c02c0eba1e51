using Ecrm.Outbound;

namespace Ecrm.Weibo;

/// <summary>The Weibo account's token, what to poll and how often, and the calls' resilience settings.</summary>
public sealed class WeiboOptions : OutboundResilienceOptions
{
    /// <summary>Gets or sets the OAuth2 access token of the brand's account (from <c>oauth2/access_token</c>). Required.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gets or sets the API base. Default <c>https://api.weibo.com/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.weibo.com/");

    /// <summary>Gets the timelines to poll. Default all three.</summary>
    public ISet<WeiboTimeline> Timelines { get; } = new HashSet<WeiboTimeline> { WeiboTimeline.CommentsToMe, WeiboTimeline.CommentMentions, WeiboTimeline.StatusMentions };

    /// <summary>Gets or sets the time between polls. Default 60 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the items asked for per page (<c>count</c>, at most 200). Default 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Gets or sets the most pages read per timeline and poll (Weibo caps the depth at about 1,000 items). Default 20.</summary>
    public int MaxPagesPerPoll { get; set; } = 20;

    /// <summary>Gets or sets the file the default cursor store keeps the cursors in. Required unless an <see cref="IWeiboCursorStore"/> is registered.</summary>
    public string? CursorFile { get; set; }

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            throw new EcrmException("WeiboOptions.AccessToken: expected the account's OAuth2 access token, received none.");
        }

        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new EcrmException($"WeiboOptions.BaseAddress: expected an absolute http or https URL, received '{BaseAddress}'.");
        }

        if (Timelines.Count == 0 || PollInterval < TimeSpan.FromMilliseconds(10) || PageSize is < 1 or > 200 || MaxPagesPerPoll is < 1 or > 100)
        {
            throw new EcrmException($"WeiboOptions: expected at least one timeline, a poll interval of 10 ms or more, a page size of 1 to 200 and 1 to 100 pages per poll, received {Timelines.Count} timelines, {PollInterval}, {PageSize} and {MaxPagesPerPoll}.");
        }

        ValidateResilience(nameof(WeiboOptions));
    }
}
