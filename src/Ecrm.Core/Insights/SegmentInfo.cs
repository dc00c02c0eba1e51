namespace Ecrm.Insights;

/// <summary>A defined segment and its live size.</summary>
/// <param name="Name">The name.</param>
/// <param name="Version">The rule's version.</param>
/// <param name="Rule">The rule in the canonical text form.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Size">How many customers are in it now.</param>
/// <param name="DependsOnTime">Whether membership can change with time alone (and is re-checked on schedule).</param>
public sealed record SegmentInfo(string Name, int Version, string Rule, string? Description, int Size, bool DependsOnTime);
