namespace Ecrm.Segments;

/// <summary>Type-checks an expression built in C# or read from JSON (the text parser checks as it parses).</summary>
internal static class SegmentValidator
{
    public static void Validate(SegmentExpression expression, string path = "$")
    {
        switch (expression)
        {
            case null:
                throw Fail(path, "an expression", "null");
            case AllOf all:
                Items(all.Items, path + ".and");
                break;
            case AnyOf any:
                Items(any.Items, path + ".or");
                break;
            case Not not:
                Validate(not.Inner, path + ".not");
                break;
            case Condition c:
                Condition(c, path);
                break;
            default:
                throw Fail(path, "and, or, not or a condition", expression.GetType().Name);
        }
    }

    private static void Items(IReadOnlyList<SegmentExpression>? items, string path)
    {
        if (items is null || items.Count == 0)
        {
            throw Fail(path, "at least one expression", "none");
        }

        for (var i = 0; i < items.Count; i++)
        {
            Validate(items[i], $"{path}[{i}]");
        }
    }

    private static void Condition(Condition c, string path)
    {
        bool isNumber;
        switch (c.Operand)
        {
            case FieldOperand f:
                isNumber = SegmentSchema.IsNumberField(f.Path ?? string.Empty)
                    ?? throw Fail(path + ".field", $"a customer field ({SegmentSchema.DescribeFields()})", $"'{f.Path}'");
                break;
            case AggregateOperand a:
                Aggregate(a, path + ".aggregate");
                isNumber = true;
                break;
            default:
                throw Fail(path, "a field or an aggregate", "none");
        }

        if (SegmentSchema.Check(isNumber, c.Operator, c.Values ?? []) is { } problem)
        {
            throw Fail(path + ".op", problem.Expected, problem.Received);
        }
    }

    private static void Aggregate(AggregateOperand a, string path)
    {
        if (a.EventType.IsDefault)
        {
            throw Fail(path + ".event", "an event type such as purchase", "none");
        }

        if (a.Function == AggregateFunction.Count ? a.Field is not null : SegmentSchema.IsNumberEventField(a.Field ?? string.Empty) != true)
        {
            throw Fail(path + ".field", a.Function == AggregateFunction.Count ? "no field for count" : $"a numeric event field ({string.Join(", ", SegmentSchema.EventNumberFields)})", a.Field is null ? "none" : $"'{a.Field}'");
        }

        if (a.Window is { } w && w <= TimeSpan.Zero)
        {
            throw Fail(path + ".window", "a positive duration", w.ToString());
        }

        for (var i = 0; i < (a.Filters ?? []).Count; i++)
        {
            var f = a.Filters![i];
            var isNumber = SegmentSchema.IsNumberEventField(f.Field ?? string.Empty)
                ?? throw Fail($"{path}.where[{i}].field", "an event field", $"'{f.Field}'");
            if (SegmentSchema.Check(isNumber, f.Operator, f.Values ?? []) is { } problem)
            {
                throw Fail($"{path}.where[{i}].op", problem.Expected, problem.Received);
            }
        }
    }

    private static SegmentSyntaxException Fail(string path, string expected, string received) => new(0, 0, path, expected, received);
}
