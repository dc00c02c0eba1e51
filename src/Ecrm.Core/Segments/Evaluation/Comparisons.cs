namespace Ecrm.Segments;

/// <summary>The meaning of each comparison for text and for numbers; a missing value satisfies none but "not".</summary>
internal static class Comparisons
{
    public static bool Text(ComparisonOperator op, IReadOnlyList<SegmentValue> values, string? value)
    {
        if (value is null)
        {
            return false;
        }

        switch (op)
        {
            case ComparisonOperator.Exists:
                return true;
            case ComparisonOperator.Equal:
                return string.Equals(value, values[0].Text, StringComparison.Ordinal);
            case ComparisonOperator.NotEqual:
                return !string.Equals(value, values[0].Text, StringComparison.Ordinal);
            case ComparisonOperator.In:
                foreach (var v in values)
                {
                    if (string.Equals(value, v.Text, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            case ComparisonOperator.Contains:
                return value.Contains(values[0].Text!, StringComparison.Ordinal);
            case ComparisonOperator.StartsWith:
                return value.StartsWith(values[0].Text!, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    public static bool Number(ComparisonOperator op, double[] values, double value)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        switch (op)
        {
            case ComparisonOperator.Exists:
                return true;
            case ComparisonOperator.Equal:
                return value == values[0];
            case ComparisonOperator.NotEqual:
                return value != values[0];
            case ComparisonOperator.Less:
                return value < values[0];
            case ComparisonOperator.LessOrEqual:
                return value <= values[0];
            case ComparisonOperator.Greater:
                return value > values[0];
            case ComparisonOperator.GreaterOrEqual:
                return value >= values[0];
            case ComparisonOperator.In:
                foreach (var v in values)
                {
                    if (value == v)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    public static double[] Numbers(IReadOnlyList<SegmentValue> values) => [.. values.Select(v => (double)v.Number)];
}
