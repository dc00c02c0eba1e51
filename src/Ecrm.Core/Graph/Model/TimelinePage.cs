namespace Ecrm;

/// <summary>One page of a customer's timeline, newest first.</summary>
/// <param name="Events">The events of the page.</param>
/// <param name="NextCursor">The cursor of the next (older) page, or <see langword="null"/> at the end.</param>
public sealed record TimelinePage(IReadOnlyList<CustomerEvent> Events, string? NextCursor);
