namespace Ecrm;

/// <summary>Running totals of a customer's events.</summary>
public sealed class CustomerCounters
{
    /// <summary>Gets the number of events by event type name (<c>purchase</c>, <c>comment</c>, <c>repost</c>, ...).</summary>
    public required IReadOnlyDictionary<string, long> Events { get; init; }

    /// <summary>Gets the money spent and refunded, one entry per currency.</summary>
    public required IReadOnlyList<MoneyTotal> Money { get; init; }

    /// <summary>Gets the time of the latest purchase, if any.</summary>
    public DateTimeOffset? LastPurchaseAt { get; init; }

    /// <summary>Gets the number of purchases.</summary>
    public long Orders => Count(EventType.Purchase);

    /// <summary>Gets the number of events of one type.</summary>
    /// <param name="type">The event type.</param>
    /// <returns>The count (0 when none).</returns>
    public long Count(EventType type) => Events.TryGetValue(type.Name, out var n) ? n : 0;
}
