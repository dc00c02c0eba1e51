using Ecrm.Segments;

namespace Ecrm.Insights;

/// <summary>A customer entered or left a segment.</summary>
/// <param name="Segment">The segment's name.</param>
/// <param name="Version">The rule's version.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Entered">True when the customer entered, false when they left.</param>
/// <param name="At">When it was noticed.</param>
/// <param name="Reason">For an entry, why; for an exit, the conditions as they are now (null when the customer was merged away).</param>
public sealed record SegmentMembershipChange(string Segment, int Version, string CustomerId, bool Entered, DateTimeOffset At, SegmentExplanation? Reason);
