namespace Ecrm.Segments;

/// <summary>
/// A segment's rule as a tree: conditions combined with and / or / not. Written as text
/// (<see cref="SegmentText"/>), JSON (<see cref="SegmentJson"/>) or C# (<see cref="SegmentBuilder"/>); the three are
/// equivalent and convert into each other.
/// </summary>
public abstract record SegmentExpression
{
    /// <summary>Both hold.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>The conjunction.</returns>
    public static SegmentExpression operator &(SegmentExpression left, SegmentExpression right) => new AllOf([.. Flatten<AllOf>(left), .. Flatten<AllOf>(right)]);

    /// <summary>Either holds.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>The disjunction.</returns>
    public static SegmentExpression operator |(SegmentExpression left, SegmentExpression right) => new AnyOf([.. Flatten<AnyOf>(left), .. Flatten<AnyOf>(right)]);

    /// <summary>Does not hold.</summary>
    /// <param name="inner">The expression.</param>
    /// <returns>The negation.</returns>
    public static SegmentExpression operator !(SegmentExpression inner) => new Not(inner);

    /// <summary>Named alternative to the <c>&amp;</c> operator.</summary>
    /// <param name="other">The other expression.</param>
    /// <returns>The conjunction.</returns>
    public SegmentExpression And(SegmentExpression other) => this & other;

    /// <summary>Named alternative to the <c>|</c> operator.</summary>
    /// <param name="other">The other expression.</param>
    /// <returns>The disjunction.</returns>
    public SegmentExpression Or(SegmentExpression other) => this | other;

    /// <summary>The canonical text form.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => SegmentText.Format(this);

    private static IEnumerable<SegmentExpression> Flatten<T>(SegmentExpression e)
        where T : SegmentExpression
        => e switch
        {
            AllOf all when typeof(T) == typeof(AllOf) => all.Items,
            AnyOf any when typeof(T) == typeof(AnyOf) => any.Items,
            _ => [e],
        };
}

/// <summary>Every item holds.</summary>
/// <param name="Items">Two or more expressions.</param>
public sealed record AllOf(IReadOnlyList<SegmentExpression> Items) : SegmentExpression
{
    /// <inheritdoc />
    public override string ToString() => SegmentText.Format(this);
}

/// <summary>At least one item holds.</summary>
/// <param name="Items">Two or more expressions.</param>
public sealed record AnyOf(IReadOnlyList<SegmentExpression> Items) : SegmentExpression
{
    /// <inheritdoc />
    public override string ToString() => SegmentText.Format(this);
}

/// <summary>The inner expression does not hold.</summary>
/// <param name="Inner">The expression.</param>
public sealed record Not(SegmentExpression Inner) : SegmentExpression
{
    /// <inheritdoc />
    public override string ToString() => SegmentText.Format(this);
}

/// <summary>A comparison of an operand with literals, e.g. <c>tier in ("gold", "platinum")</c>.</summary>
/// <param name="Operand">What is compared.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">The literal(s): none for <see cref="ComparisonOperator.Exists"/>, one or more for <see cref="ComparisonOperator.In"/>, else one.</param>
public sealed record Condition(SegmentOperand Operand, ComparisonOperator Operator, IReadOnlyList<SegmentValue> Values) : SegmentExpression
{
    /// <inheritdoc />
    public override string ToString() => SegmentText.Format(this);
}
