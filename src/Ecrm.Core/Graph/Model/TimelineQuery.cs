namespace Ecrm;

/// <summary>Which page of a timeline to read.</summary>
public sealed record TimelineQuery
{
    /// <summary>Gets the most events to return (1-1000).</summary>
    /// <value>Defaults to 50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="TimelinePage.NextCursor"/> by the previous page, or <see langword="null"/> for the newest page.</summary>
    public string? Cursor { get; init; }
}
