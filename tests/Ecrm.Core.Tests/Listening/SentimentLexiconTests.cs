using Ecrm.Listening;

namespace Ecrm.Core.Tests.Listening;

/// <summary>The lexicon: what ships, its text format, its validation, and company additions.</summary>
public sealed class SentimentLexiconTests
{
    [Fact]
    public void Default_HoldsChineseEnglishAndVaderTerms()
    {
        var entries = SentimentLexicon.Default.Entries.ToList();
        Assert.Contains(entries, e => e is { Term: "不错", Kind: LexiconTermKind.Word, Value: > 0 });
        Assert.Contains(entries, e => e is { Term: "不", Kind: LexiconTermKind.Negation });
        Assert.Contains(entries, e => e is { Term: "但是", Kind: LexiconTermKind.Contrast });
        Assert.Contains(entries, e => e is { Term: "好", Kind: LexiconTermKind.Word });
        Assert.Contains(entries, e => e is { Term: "好", Kind: LexiconTermKind.Degree });
        Assert.Contains(entries, e => e is { Term: "waste of money", Kind: LexiconTermKind.Word, Value: < 0 });
        Assert.Contains(entries, e => e is { Term: "dont", Kind: LexiconTermKind.Negation });
        Assert.Contains(entries, e => e is { Term: "superb", Kind: LexiconTermKind.Word, Value: > 0 }); // from VADER
        Assert.True(SentimentLexicon.Default.Count > 8_000);
    }

    [Fact]
    public void Parse_ReadsTheTextFormat_AndNamesTheBadLine()
    {
        var lexicon = SentimentLexicon.Parse(new StringReader("# comment\n\n给力\tword\t3\n贼\tdegree\t1.5\n"), "mine.tsv");
        Assert.Equal(2, lexicon.Count);
        var ex = Assert.Throws<EcrmException>(() => SentimentLexicon.Parse(new StringReader("好\tword\t1\n坏\tadjective\t-1\n"), "mine.tsv"));
        Assert.Contains("mine.tsv, line 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<EcrmException>(() => SentimentLexicon.Parse(new StringReader("好\tword\t9\n"), "x"));
        Assert.Throws<EcrmException>(() => SentimentLexicon.Parse(new StringReader("好\tdegree\t0\n"), "x"));
    }

    [Fact]
    public void With_AddsAndOverridesCompanyTerms()
    {
        var analyzer = new LexiconSentimentAnalyzer(SentimentLexicon.Default.With([new LexiconEntry("秒发", LexiconTermKind.Word, 2.5), new LexiconEntry("不错", LexiconTermKind.Word, -1)]));
        Assert.True(analyzer.Analyze("秒发").Score > 0);
        Assert.Equal(0, LexiconSentimentAnalyzer.Default.Analyze("秒发").Score);
        Assert.True(analyzer.Analyze("不错").Score < 0);
        Assert.True(LexiconSentimentAnalyzer.Default.Analyze("不错").Score > 0, "the default lexicon is unchanged");
    }

    [Theory]
    [InlineData("今天天气很好", TextLanguage.Chinese)]
    [InlineData("The battery is fine", TextLanguage.English)]
    [InlineData("iPhone 的屏幕很好", TextLanguage.Chinese)]
    [InlineData("这个 phone is really good", TextLanguage.Mixed)]
    [InlineData("123 !!!", TextLanguage.Unknown)]
    public void Languages_AreDetectedByScript(string text, TextLanguage expected) => Assert.Equal(expected, LanguageDetector.Detect(text));
}
