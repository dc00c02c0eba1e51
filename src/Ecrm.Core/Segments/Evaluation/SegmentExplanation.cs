namespace Ecrm.Segments;

/// <summary>Why a customer is (or is not) in a segment: every condition with its value.</summary>
/// <param name="Segment">The segment's name.</param>
/// <param name="Version">The rule's version.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="IsMember">Whether the whole rule held.</param>
/// <param name="Clauses">Each condition of the rule, in the rule's order.</param>
/// <param name="EvaluatedAt">When.</param>
public sealed record SegmentExplanation(string Segment, int Version, string CustomerId, bool IsMember, IReadOnlyList<ClauseExplanation> Clauses, DateTimeOffset EvaluatedAt);
