namespace Ecrm.Segments;

/// <summary>
/// Builds segment rules in C#, equivalent to the text and JSON forms:
/// <code>
/// using static Ecrm.Segments.SegmentBuilder;
/// var rule = Field("tier").In("gold", "platinum")
///          &amp; Count(EventType.Purchase, TimeSpan.FromDays(30), Where("category").EqualTo("手机")).AtLeast(2);
/// </code>
/// </summary>
public static class SegmentBuilder
{
    /// <summary>A customer field (tier, points, city, trait.NAME, ...).</summary>
    /// <param name="path">The field's name.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Field(string path) => new(new FieldOperand(path), null);

    /// <summary>The number of events of a type in a window.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="window">How far back; null for all time.</param>
    /// <param name="filters">Conditions on the events.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Count(EventType type, TimeSpan? window = null, params EventFilter[] filters)
        => Aggregate(AggregateFunction.Count, type, null, window, filters);

    /// <summary>The sum of a numeric event field over events of a type in a window.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="field">The numeric field (amount, quantity, rating, follower-count).</param>
    /// <param name="window">How far back; null for all time.</param>
    /// <param name="filters">Conditions on the events.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Sum(EventType type, string field, TimeSpan? window = null, params EventFilter[] filters)
        => Aggregate(AggregateFunction.Sum, type, field, window, filters);

    /// <summary>The smallest value of a numeric event field.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="field">The numeric field.</param>
    /// <param name="window">How far back; null for all time.</param>
    /// <param name="filters">Conditions on the events.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Min(EventType type, string field, TimeSpan? window = null, params EventFilter[] filters)
        => Aggregate(AggregateFunction.Min, type, field, window, filters);

    /// <summary>The largest value of a numeric event field.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="field">The numeric field.</param>
    /// <param name="window">How far back; null for all time.</param>
    /// <param name="filters">Conditions on the events.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Max(EventType type, string field, TimeSpan? window = null, params EventFilter[] filters)
        => Aggregate(AggregateFunction.Max, type, field, window, filters);

    /// <summary>The value of a numeric event field on the most recent matching event.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="field">The numeric field.</param>
    /// <param name="window">How far back; null for all time.</param>
    /// <param name="filters">Conditions on the events.</param>
    /// <returns>The operand, to compare.</returns>
    public static Comparable Last(EventType type, string field, TimeSpan? window = null, params EventFilter[] filters)
        => Aggregate(AggregateFunction.Last, type, field, window, filters);

    /// <summary>A condition on the events an aggregate counts.</summary>
    /// <param name="eventField">The event field (channel, category, sku, amount, ...).</param>
    /// <returns>The field, to compare.</returns>
    public static Comparable Where(string eventField) => new(null, eventField);

    private static Comparable Aggregate(AggregateFunction fn, EventType type, string? field, TimeSpan? window, EventFilter[] filters)
        => new(new AggregateOperand(fn, type, field, window, filters), null);

    /// <summary>An operand (or an event field, inside an aggregate) waiting for its comparison.</summary>
    public sealed class Comparable
    {
        private readonly SegmentOperand? _operand;
        private readonly string? _eventField;

        internal Comparable(SegmentOperand? operand, string? eventField)
        {
            _operand = operand;
            _eventField = eventField;
        }

        /// <summary><c>= value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built EqualTo(SegmentValue value) => Make(ComparisonOperator.Equal, value);

        /// <summary><c>!= value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built NotEqualTo(SegmentValue value) => Make(ComparisonOperator.NotEqual, value);

        /// <summary><c>&lt; value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built LessThan(decimal value) => Make(ComparisonOperator.Less, value);

        /// <summary><c>&lt;= value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built AtMost(decimal value) => Make(ComparisonOperator.LessOrEqual, value);

        /// <summary><c>&gt; value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built GreaterThan(decimal value) => Make(ComparisonOperator.Greater, value);

        /// <summary><c>&gt;= value</c></summary>
        /// <param name="value">The value.</param>
        /// <returns>The condition (or filter).</returns>
        public Built AtLeast(decimal value) => Make(ComparisonOperator.GreaterOrEqual, value);

        /// <summary><c>in (values)</c></summary>
        /// <param name="values">The values.</param>
        /// <returns>The condition (or filter).</returns>
        public Built In(params SegmentValue[] values) => Make(ComparisonOperator.In, values);

        /// <summary><c>contains text</c></summary>
        /// <param name="text">The text.</param>
        /// <returns>The condition (or filter).</returns>
        public Built Contains(string text) => Make(ComparisonOperator.Contains, text);

        /// <summary><c>starts-with text</c></summary>
        /// <param name="text">The text.</param>
        /// <returns>The condition (or filter).</returns>
        public Built StartsWith(string text) => Make(ComparisonOperator.StartsWith, text);

        /// <summary><c>exists</c></summary>
        /// <returns>The condition (or filter).</returns>
        public Built Exists() => Make(ComparisonOperator.Exists);

        private Built Make(ComparisonOperator op, params SegmentValue[] values)
            => _operand is not null ? new Built(new Condition(_operand, op, values), null) : new Built(null, new EventFilter(_eventField!, op, values));
    }

    /// <summary>A built condition (usable as a <see cref="SegmentExpression"/>) or event filter (usable as an <see cref="EventFilter"/>).</summary>
    public sealed class Built
    {
        private readonly Condition? _condition;
        private readonly EventFilter? _filter;

        internal Built(Condition? condition, EventFilter? filter)
        {
            _condition = condition;
            _filter = filter;
        }

        /// <summary>The condition.</summary>
        /// <param name="built">The built value.</param>
        public static implicit operator SegmentExpression(Built built)
            => built?._condition ?? throw new InvalidOperationException("Where(...) builds an event filter: pass it to Count/Sum/Min/Max/Last.");

        /// <summary>The event filter.</summary>
        /// <param name="built">The built value.</param>
        public static implicit operator EventFilter(Built built)
            => built?._filter ?? throw new InvalidOperationException("Field/Count/... build a condition, not an event filter: use Where(...).");

        /// <summary>Both hold.</summary>
        /// <param name="left">The first.</param>
        /// <param name="right">The second.</param>
        /// <returns>The conjunction.</returns>
        public static SegmentExpression operator &(Built left, Built right) => (SegmentExpression)left & (SegmentExpression)right;

        /// <summary>Either holds.</summary>
        /// <param name="left">The first.</param>
        /// <param name="right">The second.</param>
        /// <returns>The disjunction.</returns>
        public static SegmentExpression operator |(Built left, Built right) => (SegmentExpression)left | (SegmentExpression)right;

        /// <summary>Does not hold.</summary>
        /// <param name="inner">The condition.</param>
        /// <returns>The negation.</returns>
        public static SegmentExpression operator !(Built inner) => !(SegmentExpression)inner;

        /// <summary>The condition as an expression.</summary>
        /// <returns>The expression.</returns>
        public SegmentExpression ToExpression() => this;

        /// <summary>The event filter.</summary>
        /// <returns>The filter.</returns>
        public EventFilter ToEventFilter() => this;

        /// <summary>Named alternative to <c>&amp;</c>.</summary>
        /// <param name="left">The first.</param>
        /// <param name="right">The second.</param>
        /// <returns>The conjunction.</returns>
        public static SegmentExpression BitwiseAnd(Built left, Built right) => left & right;

        /// <summary>Named alternative to <c>|</c>.</summary>
        /// <param name="left">The first.</param>
        /// <param name="right">The second.</param>
        /// <returns>The disjunction.</returns>
        public static SegmentExpression BitwiseOr(Built left, Built right) => left | right;

        /// <summary>Named alternative to <c>!</c>.</summary>
        /// <param name="inner">The condition.</param>
        /// <returns>The negation.</returns>
        public static SegmentExpression LogicalNot(Built inner) => !inner;
    }
}
