namespace Ecrm.Segments;

/// <summary>The fields a segment rule can name and their types: the single source of truth for type checks.</summary>
internal static class SegmentSchema
{
    public static readonly IReadOnlySet<string> TextFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "tier", "rfm", "name", "gender", "city", "region", "country", "language", "birth-date",
    };

    public static readonly IReadOnlySet<string> NumberFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "points", "engagement", "influence", "orders", "spend", "sentiment", "recency", "clv", "p-alive",
    };

    public static readonly IReadOnlySet<string> EventTextFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "channel", "category", "sku", "currency", "campaign", "store", "text",
    };

    public static readonly IReadOnlySet<string> EventNumberFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "amount", "quantity", "rating", "follower-count",
    };

    public const string TraitPrefix = "trait.";

    /// <summary>The type of a customer field: true for numbers, false for text, null when unknown.</summary>
    public static bool? IsNumberField(string path)
        => NumberFields.Contains(path) ? true
            : TextFields.Contains(path) || (path.StartsWith(TraitPrefix, StringComparison.Ordinal) && path.Length > TraitPrefix.Length) ? false
            : null;

    /// <summary>The type of an event field: true for numbers, false for text, null when unknown.</summary>
    public static bool? IsNumberEventField(string field)
        => EventNumberFields.Contains(field) ? true : EventTextFields.Contains(field) ? false : null;

    public static string DescribeFields()
        => string.Join(", ", TextFields.Concat(NumberFields).Append("trait.NAME"));

    /// <summary>
    /// Checks an operator and its literals against the operand's type; returns null when fine, else (expected,
    /// received) for the error message.
    /// </summary>
    public static (string Expected, string Received)? Check(bool isNumber, ComparisonOperator op, IReadOnlyList<SegmentValue> values)
    {
        switch (op)
        {
            case ComparisonOperator.Exists:
                return values.Count == 0 ? null : ("no value after 'exists'", $"{values.Count} values");
            case ComparisonOperator.Contains or ComparisonOperator.StartsWith when isNumber:
                return ("a comparison for a number (=, !=, <, <=, >, >=, in, exists)", SegmentText.OperatorText(op));
            case ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual when !isNumber:
                return ("a comparison for text (=, !=, in, contains, starts-with, exists)", SegmentText.OperatorText(op));
            case ComparisonOperator.In:
                if (values.Count == 0)
                {
                    return ("at least one value in 'in (...)'", "none");
                }

                break;
            default:
                if (values.Count != 1)
                {
                    return ("one value", $"{values.Count}");
                }

                break;
        }

        foreach (var v in values)
        {
            if (v.IsNumber != isNumber)
            {
                return (isNumber ? "a number" : "a quoted text", v.ToString());
            }
        }

        return null;
    }
}
