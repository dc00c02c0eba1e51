using Ecrm.Listening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Listening;

/// <summary>The zero-configuration analyzer: its rules one by one, its accuracy on labelled reviews, its lexicon format.</summary>
public sealed class LexiconSentimentAnalyzerTests
{
    private static readonly LexiconSentimentAnalyzer Analyzer = LexiconSentimentAnalyzer.Default;

    private static double Score(string text) => Analyzer.Analyze(text).Score;

    [Theory]
    [InlineData("质量很好，非常满意")]
    [InlineData("物流快，包装完好，五星好评！")]
    [InlineData("不错")]
    [InlineData("没问题，挺好用的")]
    [InlineData("Works great, highly recommend it.")]
    [InlineData("I could not be happier :)")]
    [InlineData("👍👍")]
    public void PositiveTexts_ScoreAboveZero(string text) => Assert.True(Score(text) > 0, $"{text}: {Score(text)}");

    [Theory]
    [InlineData("质量太差了，非常失望")]
    [InlineData("假货，千万别买")]
    [InlineData("等了一个星期还没收到货")]
    [InlineData("不好用")]
    [InlineData("Dont waste your money.")]
    [InlineData("It stopped working after two days :(")]
    [InlineData("I could not get it to pair again.")]
    [InlineData("😡")]
    public void NegativeTexts_ScoreBelowZero(string text) => Assert.True(Score(text) < 0, $"{text}: {Score(text)}");

    [Fact]
    public void Negation_FlipsAndDamps()
    {
        Assert.True(Score("好") > 0 && Score("不好") < 0);
        Assert.True(Score("good") > 0 && Score("not good") < 0);
        Assert.True(Score("not excellent") < 0 && Math.Abs(Score("not excellent")) < Score("excellent"));
        Assert.True(Score("不贵") > 0, "a negated negative word reads mildly positive");
        Assert.True(Score("没有想象中的好") < 0, "the negation reaches across a few unknown characters");
        Assert.True(Score("不是不好") > 0, "two negations cancel");
    }

    [Fact]
    public void DegreeAdverbs_Scale()
    {
        Assert.True(Score("非常满意") > Score("满意"));
        Assert.True(Score("有点满意") < Score("满意"));
        Assert.True(Score("extremely good") > Score("good"));
        Assert.True(Score("slightly good") < Score("good"));
        Assert.True(Score("好贵") < Score("贵"), "好 before a sentiment word is a degree adverb");
    }

    [Fact]
    public void ContrastWords_LetTheSecondHalfLead()
    {
        Assert.True(Score("东西不错，但是物流太慢了") < 0);
        Assert.True(Score("虽然有点贵，但是很好用") > 0);
        Assert.True(Score("The screen is nice but the battery is terrible.") < 0);
        Assert.True(Score("Although it is expensive, it works great.") > 0);
    }

    [Fact]
    public void Punctuation_AndCapitals_Amplify()
    {
        Assert.True(Score("太差了！！！") < Score("太差了。"));
        Assert.True(Score("Great!!!") > Score("Great."));
        Assert.True(Score("This is GREAT") > Score("This is great"));
        Assert.Equal(Score("THIS IS GREAT"), Score("this is great"), 6); // all capitals is no emphasis
    }

    [Fact]
    public void MixedText_ReadsBothLanguages()
    {
        var result = Analyzer.Analyze("这个手机 really terrible，太失望了");
        Assert.Equal(TextLanguage.Mixed, result.Language);
        Assert.True(result.Score < 0);
        Assert.True(Score("包装很好 and the quality is excellent") > Score("包装很好"));
    }

    [Fact]
    public void EmptyAndUnknownTexts_AreNeutral()
    {
        Assert.Equal(new SentimentResult(0, TextLanguage.Unknown), Analyzer.Analyze("  "));
        Assert.Equal(0, Score("12345"));
        Assert.Throws<ArgumentNullException>(() => Analyzer.Analyze(null!));
    }

    [Property(MaxTest = 500)]
    public void Scores_AreAlwaysFiniteAndWithinMinusOneToOne(NonNull<string> text)
    {
        var s = Score(text.Get);
        Assert.True(double.IsFinite(s) && s is >= -1 and <= 1, $"{s}");
    }

    [Property(MaxTest = 200)]
    public Property Scores_OfArbitraryLexiconMixes_StayInRange() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Elements("非常", "不", "好", "差", "但是", "虽然", "！", "，", "not", " good", " bad", " but", "!!", "😡", ":)", "没有", "很"))
                .Select(parts => string.Concat(parts)).ToArbitrary(),
            text => Score(text) is >= -1 and <= 1);

    [Fact]
    public void ChineseReviews_AtLeast85Percent()
    {
        var rows = File.ReadLines(TestPaths.Fixture("sentiment/online_shopping_sample.csv")).Skip(1)
            .Select(l => l.Split(',', 3)).Where(f => f.Length == 3).Select(f => (Label: int.Parse(f[1]), Text: f[2])).ToList();
        var accuracy = rows.Count(r => Analyzer.Analyze(r.Text).Label == r.Label) / (double)rows.Count;
        Assert.True(accuracy >= 0.85, $"accuracy {accuracy:F4} on {rows.Count}");
    }

    [Theory]
    [InlineData("amazon_cells_labelled.txt")]
    [InlineData("yelp_labelled.txt")]
    public void EnglishSentences_AtLeast85Percent(string file)
    {
        var rows = File.ReadLines(TestPaths.Fixture("sentiment/en/" + file)).Skip(1)
            .Select(l => (Text: l[..l.LastIndexOf('\t')], Label: int.Parse(l[(l.LastIndexOf('\t') + 1)..].Trim()))).ToList();
        var accuracy = rows.Count(r => Analyzer.Analyze(r.Text).Label == r.Label) / (double)rows.Count;
        Assert.True(accuracy >= 0.85, $"accuracy {accuracy:F4} on {rows.Count}");
    }
}
