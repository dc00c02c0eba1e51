namespace Ecrm.Weibo;

/// <summary>What one poll of one timeline did.</summary>
/// <param name="Timeline">The timeline.</param>
/// <param name="Fetched">Items read.</param>
/// <param name="Ingested">Items that were new to the customer graph.</param>
/// <param name="Cursor">The cursor after the poll (the largest id ingested).</param>
/// <param name="PausedUntil">When polling resumes after a rate limit, or <see langword="null"/>.</param>
/// <param name="Error">Why the poll stopped early (rate limit, expired token, provider error), or <see langword="null"/>.</param>
public sealed record WeiboTimelineResult(WeiboTimeline Timeline, int Fetched, int Ingested, long Cursor, DateTimeOffset? PausedUntil, string? Error);
