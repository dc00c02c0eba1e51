namespace Ecrm.Segments;

/// <summary>Compiles a type-checked rule into a <see cref="RowPredicate"/> over a <see cref="FactTable"/>.</summary>
internal static class SegmentCompiler
{
    /// <summary>Compiles a rule, registering the aggregate series it needs.</summary>
    /// <param name="rule">The rule (already type-checked).</param>
    /// <param name="table">The table.</param>
    /// <param name="engagementHalfLife">The half-life the engagement column decays with.</param>
    /// <param name="newSeries">Series the table did not have before: their rows must be filled by the caller.</param>
    /// <returns>The predicate.</returns>
    public static RowPredicate Compile(SegmentExpression rule, FactTable table, TimeSpan engagementHalfLife, List<SeriesColumn> newSeries)
    {
        switch (rule)
        {
            case AllOf all:
                return new AndPredicate([.. all.Items.Select(i => Compile(i, table, engagementHalfLife, newSeries))]);
            case AnyOf any:
                return new OrPredicate([.. any.Items.Select(i => Compile(i, table, engagementHalfLife, newSeries))]);
            case Not not:
                return new NotPredicate(Compile(not.Inner, table, engagementHalfLife, newSeries));
            case Condition c:
                return Leaf(c, table, engagementHalfLife, newSeries);
            default:
                throw new ArgumentException($"expected a segment expression, received {rule?.GetType().Name ?? "null"}.", nameof(rule));
        }
    }

    private static RowPredicate Leaf(Condition c, FactTable table, TimeSpan halfLife, List<SeriesColumn> newSeries)
    {
        var clause = SegmentText.Format(c);
        if (c.Operand is AggregateOperand a)
        {
            var existing = table.Series(SeriesKey.Of(a));
            var series = existing ?? table.AddSeries(a);
            if (existing is null)
            {
                newSeries.Add(series);
            }

            return new AggregatePredicate(clause, series, a.Function, a.Window?.Ticks ?? 0, c.Operator, c.Values);
        }

        var path = ((FieldOperand)c.Operand).Path;
        if (SegmentSchema.IsNumberField(path) != true)
        {
            return new TextPredicate(clause, () => table.Text(path), c.Operator, c.Values);
        }

        switch (path)
        {
            case "engagement":
                var perTick = Math.Log(2) / halfLife.Ticks;
                return new NumberPredicate(
                    clause,
                    (row, now) =>
                    {
                        var value = table.Engagement.Get(row);
                        var age = now - table.EngagementAsOf.Get(row);
                        return age > 0 ? value * Math.Exp(-age * perTick) : value;
                    },
                    () => null,
                    c.Operator,
                    c.Values,
                    dependsOnTime: true);
            case "recency":
                return new NumberPredicate(
                    clause,
                    (row, now) => (now - table.LastPurchase.Get(row)) / TimeSpan.TicksPerDay,
                    () => null,
                    c.Operator,
                    c.Values,
                    dependsOnTime: true);
            default:
                return new NumberPredicate(clause, (row, _) => table.Number(path)?.Get(row) ?? double.NaN, () => table.Number(path)?.Values, c.Operator, c.Values, dependsOnTime: false);
        }
    }
}
