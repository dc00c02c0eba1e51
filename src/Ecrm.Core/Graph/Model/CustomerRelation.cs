namespace Ecrm;

/// <summary>How one customer relates to another, aggregated over their events (for influence scoring).</summary>
/// <param name="OtherCustomerId">The other customer.</param>
/// <param name="Kind">The relation.</param>
/// <param name="Direction">Whether this customer acted on the other (outbound) or the other on this one (inbound).</param>
/// <param name="Count">How many events established it.</param>
/// <param name="LastAt">The latest of those events.</param>
public sealed record CustomerRelation(string OtherCustomerId, RelationKind Kind, RelationDirection Direction, long Count, DateTimeOffset LastAt);
