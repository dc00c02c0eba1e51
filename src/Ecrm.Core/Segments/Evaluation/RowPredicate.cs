using System.Globalization;

namespace Ecrm.Segments;

/// <summary>
/// A compiled rule over a <see cref="FactTable"/>. <see cref="Filter"/> narrows a list of rows in place, one tight loop
/// per condition over its column (so "and" of cheap conditions costs about what a hand-written loop does);
/// <see cref="Test"/> checks one row (real-time updates).
/// </summary>
internal abstract class RowPredicate
{
    public abstract bool Test(int row, long now);

    /// <summary>Keeps the rows of <paramref name="rows"/>[..count] that pass, in order; returns how many.</summary>
    public virtual int Filter(int[] rows, int count, long now)
    {
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            if (Test(row, now))
            {
                rows[k++] = row;
            }
        }

        return k;
    }

    /// <summary>Adds each condition's outcome and value for one row.</summary>
    public abstract void Explain(int row, long now, List<ClauseExplanation> into);

    /// <summary>Whether the outcome can change with time alone (windows, engagement, recency).</summary>
    public abstract bool DependsOnTime { get; }
}

internal sealed class AndPredicate(RowPredicate[] items) : RowPredicate
{
    public override bool DependsOnTime { get; } = items.Any(i => i.DependsOnTime);

    public override bool Test(int row, long now)
    {
        foreach (var item in items)
        {
            if (!item.Test(row, now))
            {
                return false;
            }
        }

        return true;
    }

    public override int Filter(int[] rows, int count, long now)
    {
        foreach (var item in items)
        {
            count = item.Filter(rows, count, now);
        }

        return count;
    }

    public override void Explain(int row, long now, List<ClauseExplanation> into)
    {
        foreach (var item in items)
        {
            item.Explain(row, now, into);
        }
    }
}

internal sealed class OrPredicate(RowPredicate[] items) : RowPredicate
{
    public override bool DependsOnTime { get; } = items.Any(i => i.DependsOnTime);

    public override bool Test(int row, long now)
    {
        foreach (var item in items)
        {
            if (item.Test(row, now))
            {
                return true;
            }
        }

        return false;
    }

    public override void Explain(int row, long now, List<ClauseExplanation> into)
    {
        foreach (var item in items)
        {
            item.Explain(row, now, into);
        }
    }
}

internal sealed class NotPredicate(RowPredicate inner) : RowPredicate
{
    public override bool DependsOnTime => inner.DependsOnTime;

    public override bool Test(int row, long now) => !inner.Test(row, now);

    public override void Explain(int row, long now, List<ClauseExplanation> into)
    {
        var start = into.Count;
        inner.Explain(row, now, into);
        for (var i = start; i < into.Count; i++)
        {
            into[i] = into[i] with { Clause = "not " + into[i].Clause, Held = !into[i].Held };
        }
    }
}

/// <summary>A text condition: a mask over the column's dictionary codes, refreshed when new values appear.</summary>
internal sealed class TextPredicate(string clause, Func<TextColumn?> column, ComparisonOperator op, IReadOnlyList<SegmentValue> values) : RowPredicate
{
    private bool[] _mask = [];
    private TextColumn? _maskColumn;

    public override bool DependsOnTime => false;

    public override bool Test(int row, long now)
    {
        var c = column();
        if (c is null)
        {
            return false;
        }

        var mask = Mask(c);
        var codes = c.Codes;
        return row < codes.Length && mask[codes[row]];
    }

    public override int Filter(int[] rows, int count, long now)
    {
        var c = column();
        if (c is null)
        {
            return 0;
        }

        var mask = Mask(c);
        var codes = c.Codes;
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            if ((uint)row < (uint)codes.Length && mask[codes[row]])
            {
                rows[k++] = row;
            }
        }

        return k;
    }

    public override void Explain(int row, long now, List<ClauseExplanation> into)
        => into.Add(new ClauseExplanation(clause, Test(row, now), column()?.Get(row)));

    private bool[] Mask(TextColumn c)
    {
        if (!ReferenceEquals(_maskColumn, c) || _mask.Length != c.Values.Count)
        {
            var mask = new bool[c.Values.Count];
            for (var code = 1; code < mask.Length; code++)
            {
                mask[code] = Comparisons.Text(op, values, c.Values[code]);
            }

            (_mask, _maskColumn) = (mask, c);
        }

        return _mask;
    }
}

/// <summary>A number condition over a stored column, or over a value computed from columns at evaluation time.</summary>
internal sealed class NumberPredicate(string clause, Func<int, long, double> valueOf, Func<double[]?> column, ComparisonOperator op, IReadOnlyList<SegmentValue> values, bool dependsOnTime) : RowPredicate
{
    private readonly double[] _numbers = Comparisons.Numbers(values);

    public override bool DependsOnTime => dependsOnTime;

    public override bool Test(int row, long now) => Comparisons.Number(op, _numbers, valueOf(row, now));

    public override int Filter(int[] rows, int count, long now)
    {
        if (column() is not { } data || op is not (ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual or ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.Equal))
        {
            return base.Filter(rows, count, now);
        }

        // A stored column with a plain comparison: one branch-light loop (NaN compares false, as "missing" should).
        var x = _numbers[0];
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            var v = (uint)row < (uint)data.Length ? data[row] : double.NaN;
            var pass = op switch
            {
                ComparisonOperator.Greater => v > x,
                ComparisonOperator.GreaterOrEqual => v >= x,
                ComparisonOperator.Less => v < x,
                ComparisonOperator.LessOrEqual => v <= x,
                _ => v == x,
            };
            if (pass)
            {
                rows[k++] = row;
            }
        }

        return k;
    }

    public override void Explain(int row, long now, List<ClauseExplanation> into)
    {
        var v = valueOf(row, now);
        into.Add(new ClauseExplanation(clause, Test(row, now), double.IsNaN(v) ? null : Math.Round(v, 4).ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary>An aggregate condition: folds the row's series over the window ending now.</summary>
internal sealed class AggregatePredicate(string clause, SeriesColumn series, AggregateFunction function, long window, ComparisonOperator op, IReadOnlyList<SegmentValue> values) : RowPredicate
{
    private readonly double[] _numbers = Comparisons.Numbers(values);

    public override bool DependsOnTime => window > 0;

    public override bool Test(int row, long now) => Comparisons.Number(op, _numbers, ValueOf(row, now));

    public override int Filter(int[] rows, int count, long now)
    {
        var times = series.Times;
        var k = 0;
        if (function == AggregateFunction.Count && op is ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater or ComparisonOperator.Equal or ComparisonOperator.LessOrEqual or ComparisonOperator.Less)
        {
            // The common case, count(...) against a number: count inline, compare with a hoisted operator.
            var from = window > 0 ? now - window : long.MinValue;
            var x = _numbers[0];
            for (var i = 0; i < count; i++)
            {
                var row = rows[i];
                if ((uint)row >= (uint)times.Length)
                {
                    continue;
                }

                var n = 0;
                if (times[row] is { } s)
                {
                    for (var j = s.Length - 1; j >= 0 && s[j] > from; j--)
                    {
                        if (s[j] <= now)
                        {
                            n++;
                        }
                    }
                }

                var pass = op switch
                {
                    ComparisonOperator.GreaterOrEqual => n >= x,
                    ComparisonOperator.Greater => n > x,
                    ComparisonOperator.Equal => n == x,
                    ComparisonOperator.LessOrEqual => n <= x,
                    _ => n < x,
                };
                if (pass)
                {
                    rows[k++] = row;
                }
            }

            return k;
        }

        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            if ((uint)row < (uint)times.Length && Comparisons.Number(op, _numbers, Fold(times[row], series.Values[row], now)))
            {
                rows[k++] = row;
            }
        }

        return k;
    }

    public override void Explain(int row, long now, List<ClauseExplanation> into)
    {
        var v = ValueOf(row, now);
        into.Add(new ClauseExplanation(clause, Test(row, now), double.IsNaN(v) ? null : Math.Round(v, 4).ToString(CultureInfo.InvariantCulture)));
    }

    private double ValueOf(int row, long now)
        => (uint)row < (uint)series.Times.Length ? Fold(series.Times[row], series.Values[row], now) : double.NaN;

    private double Fold(long[]? times, double[]? values, long now)
    {
        if (times is null || values is null)
        {
            return function == AggregateFunction.Count ? 0 : double.NaN;
        }

        // Events in (now - window, now]; times ascend, so scan back from the newest.
        var end = times.Length;
        while (end > 0 && times[end - 1] > now)
        {
            end--;
        }

        var start = end;
        var from = window > 0 ? now - window : long.MinValue;
        while (start > 0 && times[start - 1] > from)
        {
            start--;
        }

        var n = end - start;
        switch (function)
        {
            case AggregateFunction.Count:
                return n;
            case AggregateFunction.Last:
                return n == 0 ? double.NaN : values[end - 1];
            default:
                if (n == 0)
                {
                    return function == AggregateFunction.Sum ? 0 : double.NaN;
                }

                var acc = values[start];
                for (var i = start + 1; i < end; i++)
                {
                    acc = function switch
                    {
                        AggregateFunction.Sum => acc + values[i],
                        AggregateFunction.Min => Math.Min(acc, values[i]),
                        _ => Math.Max(acc, values[i]),
                    };
                }

                return acc;
        }
    }
}
