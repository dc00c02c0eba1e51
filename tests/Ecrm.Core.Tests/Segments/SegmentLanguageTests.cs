using Ecrm.Segments;
using static Ecrm.Segments.SegmentBuilder;

namespace Ecrm.Core.Tests.Segments;

public sealed class SegmentLanguageTests
{
    private const string Example = "tier in (\"gold\", \"platinum\") and count(purchase, 30d, category = \"手机\") >= 2 and sentiment < 0";

    [Fact]
    public void Parse_TheIssuesExample_GivesTheExpectedTree()
    {
        var e = Assert.IsType<AllOf>(SegmentText.Parse(Example));
        Assert.Equal(3, e.Items.Count);
        var tier = Assert.IsType<Condition>(e.Items[0]);
        Assert.Equal(new FieldOperand("tier"), tier.Operand);
        Assert.Equal(ComparisonOperator.In, tier.Operator);
        Assert.Equal(["\"gold\"", "\"platinum\""], tier.Values.Select(v => v.ToString()));
        var count = Assert.IsType<AggregateOperand>(Assert.IsType<Condition>(e.Items[1]).Operand);
        Assert.Equal(AggregateFunction.Count, count.Function);
        Assert.Equal(EventType.Purchase, count.EventType);
        Assert.Equal(TimeSpan.FromDays(30), count.Window);
        Assert.Equal("category", Assert.Single(count.Filters).Field);
        Assert.Equal(Example, SegmentText.Format(e));
    }

    [Fact]
    public void TextJsonAndBuilder_AreEquivalent()
    {
        var built = Field("tier").In("gold", "platinum")
            & Count(EventType.Purchase, TimeSpan.FromDays(30), Where("category").EqualTo("手机")).AtLeast(2)
            & Field("sentiment").LessThan(0);
        Assert.Equal(Example, built.ToString());
        var json = SegmentJson.Serialize(built);
        Assert.Equal(
            """{"and":[{"field":"tier","op":"in","values":["gold","platinum"]},{"aggregate":{"fn":"count","event":"purchase","window":"30d","where":[{"field":"category","op":"=","values":["手机"]}]},"op":">=","values":[2]},{"field":"sentiment","op":"<","values":[0]}]}""",
            json);
        Assert.Equal(Example, SegmentJson.Deserialize(json).ToString());
    }

    [Theory]
    [InlineData("points = 1 or orders = 2 and influence = 3", "points = 1 or orders = 2 and influence = 3")]
    [InlineData("(trait.a = \"1\" or points > 2) and city = \"上海\"", "(trait.a = \"1\" or points > 2) and city = \"上海\"")]
    [InlineData("not (city = \"x\" or city = \"y\")", "not (city = \"x\" or city = \"y\")")]
    [InlineData("city not in (\"北京\", \"上海\")", "not city in (\"北京\", \"上海\")")]
    [InlineData("sum(purchase.amount, 2w, channel = \"shop\", amount >= 10.5) > 100", "sum(purchase.amount, 14d, channel = \"shop\", amount >= 10.5) > 100")]
    [InlineData("last(review.rating) <= 2 and name exists", "last(review.rating) <= 2 and name exists")]
    [InlineData("name starts-with \"王\" and trait.note contains \"say \\\"hi\\\"\"", "name starts-with \"王\" and trait.note contains \"say \\\"hi\\\"\"")]
    public void Format_IsCanonical_AndParsesBack(string text, string canonical)
    {
        var parsed = SegmentText.Parse(text);
        Assert.Equal(canonical, SegmentText.Format(parsed));
        Assert.Equal(canonical, SegmentText.Format(SegmentText.Parse(canonical)));
        Assert.Equal(canonical, SegmentJson.Deserialize(SegmentJson.Serialize(parsed)).ToString());
    }

    [Theory]
    [InlineData("tier = ", 1, 8, "a number or a quoted text")]
    [InlineData("tier > 5", 1, 6, "a comparison for text")]
    [InlineData("points = \"many\"", 1, 8, "a number")]
    [InlineData("colour = \"red\"", 1, 1, "a customer field")]
    [InlineData("tier = \"gold\"\n  and count(purchase, 30x) > 1", 2, 23, "a duration")]
    [InlineData("tier = \"gold\" city = \"x\"", 1, 15, "'and', 'or' or the end of the rule")]
    [InlineData("count(purchase.amount) > 1", 1, 7, "an event type without a field for count")]
    [InlineData("sum(purchase) > 1", 1, 5, "a numeric field for sum")]
    [InlineData("(tier = \"gold\"", 1, 15, "')' or 'and' / 'or'")]
    [InlineData("tier = \"gold", 1, 8, "a closing '\"'")]
    [InlineData("count(purchase, colour = \"red\") > 1", 1, 17, "an event field")]
    public void Errors_ReportLineColumnAndWhatWasExpected(string text, int line, int column, string expected)
    {
        var ex = Assert.Throws<SegmentSyntaxException>(() => SegmentText.Parse(text));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(expected, ex.Expected, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"field":"tier","op":">","values":[5]}""", "$.op")]
    [InlineData("""{"and":[{"field":"points","op":"=","values":["x"]}]}""", "$.and[0].op")]
    [InlineData("""{"aggregate":{"fn":"median","event":"purchase"},"op":">","values":[1]}""", "$.aggregate.fn")]
    [InlineData("""{"nothing":1}""", "$")]
    [InlineData("""{"field":""", "JSON line 1")]
    public void Json_Errors_NameThePath(string json, string path)
    {
        var ex = Assert.Throws<SegmentSyntaxException>(() => SegmentJson.Deserialize(json));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_Validate_ChecksNameVersionAndBuiltRules()
    {
        Assert.Throws<EcrmException>(() => SegmentDefinition.Parse("VIP!", 1, "points > 1").Validate());
        Assert.Throws<EcrmException>(() => SegmentDefinition.Parse("vip", 0, "points > 1").Validate());
        var bad = new SegmentDefinition("vip", 1, Field("points").Contains("x"));
        Assert.Contains("$.op", Assert.Throws<SegmentSyntaxException>(bad.Validate).Message, StringComparison.Ordinal);
        SegmentDefinition.Parse("vip", 2, "points > 1", "big point holders").Validate();
    }
}
