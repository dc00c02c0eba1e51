namespace Ecrm.Segments;

/// <summary>A condition on the events an aggregate counts, e.g. <c>category = "手机"</c>.</summary>
/// <param name="Field">
/// The event field: <c>channel</c>, <c>category</c>, <c>sku</c> (true when any line item matches), <c>currency</c>,
/// <c>campaign</c> (campaign or QR scene code), <c>store</c>, <c>text</c>, or the numeric <c>amount</c>,
/// <c>quantity</c>, <c>rating</c>, <c>follower-count</c>.
/// </param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">The literal(s) compared with.</param>
public sealed record EventFilter(string Field, ComparisonOperator Operator, IReadOnlyList<SegmentValue> Values);
