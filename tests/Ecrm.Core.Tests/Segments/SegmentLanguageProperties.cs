using Ecrm.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Segments;

/// <summary>Text, JSON and the tree are one language: random rules survive every round trip.</summary>
public sealed class SegmentLanguageProperties
{
    public static Arbitrary<SegmentExpression> Rules() => Arb.From(Rule(3));

    private static Gen<SegmentValue> Text() => Gen.Elements("gold", "上海", "say \"hi\"", "a\\b", "").Select(SegmentValue.Of);

    private static Gen<SegmentValue> Number() => Gen.Choose(-1000, 100000).Select(n => SegmentValue.Of(n / 100m));

    private static Gen<Condition> Comparison(SegmentOperand operand, bool isNumber)
    {
        var values = isNumber ? Number() : Text();
        var ops = isNumber
            ? new[] { ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.Less, ComparisonOperator.LessOrEqual, ComparisonOperator.Greater, ComparisonOperator.GreaterOrEqual, ComparisonOperator.In, ComparisonOperator.Exists }
            : [ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.In, ComparisonOperator.Contains, ComparisonOperator.StartsWith, ComparisonOperator.Exists];
        return from op in Gen.Elements(ops)
               from n in Gen.Choose(1, 3)
               from vs in Gen.ArrayOf(values, op == ComparisonOperator.Exists ? 0 : op == ComparisonOperator.In ? n : 1)
               select new Condition(operand, op, vs);
    }

    private static Gen<SegmentExpression> Leaf()
    {
        var field = from name in Gen.Elements("tier", "city", "trait.vip-level", "points", "engagement", "spend")
                    from c in Comparison(new FieldOperand(name), SegmentSchema.IsNumberField(name)!.Value)
                    select (SegmentExpression)c;
        var filter = from name in Gen.Elements("channel", "category", "amount", "rating")
                     from c in Comparison(new FieldOperand("x"), SegmentSchema.IsNumberEventField(name)!.Value)
                     select new EventFilter(name, c.Operator, c.Values);
        var aggregate = from fn in Gen.Elements(Enum.GetValues<AggregateFunction>())
                        from type in Gen.Elements(EventType.Purchase, EventType.Repost, EventType.FromName("custom-thing"))
                        from days in Gen.Choose(0, 400)
                        from filters in Gen.ArrayOf(filter, 2)
                        from take in Gen.Choose(0, 2)
                        let operand = new AggregateOperand(fn, type, fn == AggregateFunction.Count ? null : "amount", days == 0 ? null : TimeSpan.FromDays(days), filters[..take])
                        from c in Comparison(operand, true)
                        select (SegmentExpression)c;
        return Gen.OneOf(field, aggregate);
    }

    private static Gen<SegmentExpression> Rule(int depth)
    {
        if (depth == 0)
        {
            return Leaf();
        }

        var inner = Rule(depth - 1);
        return Gen.OneOf(
            Leaf(),
            Gen.ArrayOf(inner, 2).Select(items => items[0] & items[1]),
            Gen.ArrayOf(inner, 2).Select(items => items[0] | items[1]),
            inner.Select(i => !i));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(SegmentLanguageProperties)])]
    public Property TextAndJson_RoundTrip(SegmentExpression rule)
    {
        var text = SegmentText.Format(rule);
        var fromText = SegmentText.Parse(text);
        var fromJson = SegmentJson.Deserialize(SegmentJson.Serialize(rule));
        return (SegmentText.Format(fromText) == text
                && SegmentText.Format(fromJson) == text
                && SegmentJson.Serialize(fromText) == SegmentJson.Serialize(rule)).ToProperty();
    }
}
