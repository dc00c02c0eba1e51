namespace Ecrm.Segments;

/// <summary>What a condition compares: a customer field, or an aggregate over the customer's events.</summary>
public abstract record SegmentOperand;

/// <summary>
/// A customer field: <c>tier</c>, <c>rfm</c> (group name), <c>points</c>, <c>engagement</c>, <c>influence</c>,
/// <c>orders</c>, <c>spend</c>, <c>sentiment</c>, a profile trait (<c>name</c>, <c>gender</c>, <c>city</c>, <c>region</c>,
/// <c>country</c>, <c>language</c>, <c>birth-date</c>) or any trait as <c>trait.NAME</c>.
/// </summary>
/// <param name="Path">The field's name.</param>
public sealed record FieldOperand(string Path) : SegmentOperand;

/// <summary>An aggregate over the customer's events of one type in a time window, e.g. <c>count(purchase, 30d)</c>.</summary>
/// <param name="Function">The fold.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Field">The numeric field folded (null for <see cref="AggregateFunction.Count"/>).</param>
/// <param name="Window">How far back from now the events count; null for all time.</param>
/// <param name="Filters">Conditions every counted event meets.</param>
public sealed record AggregateOperand(AggregateFunction Function, EventType EventType, string? Field, TimeSpan? Window, IReadOnlyList<EventFilter> Filters) : SegmentOperand;
