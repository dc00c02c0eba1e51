using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

public sealed class ComparisonTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)] // the classic Winkler examples
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("abc", "xyz", 0)]
    public void JaroWinkler_MatchesPublishedValues(string a, string b, double expected)
        => Assert.Equal(expected, Similarity.JaroWinkler(a, b), 3);

    [Theory]
    [InlineData("ca", "ac", 1)] // a transposition is one edit
    [InlineData("kitten", "sitting", 3)]
    [InlineData("19900305", "19900350", 1)]
    [InlineData("", "abc", 3)]
    public void EditDistance_CountsTranspositionsAsOne(string a, string b, int expected)
        => Assert.Equal(expected, Similarity.EditDistance(a, b));

    [Theory]
    [InlineData("abcdef", "abcdef", true)]
    [InlineData("abcdef", "abcxef", true)]
    [InlineData("abcdef", "abdcef", true)]
    [InlineData("abcdef", "abcdefg", true)]
    [InlineData("abcdef", "bcdef", true)]
    [InlineData("abcdef", "abcfed", false)]
    [InlineData("abcdef", "xbcdey", false)]
    [InlineData("ab", "abcd", false)]
    public void WithinOneEdit_AgreesWithTheEditDistance(string a, string b, bool expected)
    {
        Assert.Equal(expected, Similarity.WithinOneEdit(a, b));
        Assert.Equal(expected, Similarity.EditDistance(a, b) <= 1);
        Assert.Equal(expected, Similarity.WithinOneEdit(b, a));
    }

    [Fact]
    public void TokenSet_UsesBigramsForChinese_AndWordsOtherwise()
    {
        Assert.Equal(1, Similarity.TokenSet("12 main street", "main street"));
        Assert.True(Similarity.TokenSet("上海市浦东新区世纪大道", "浦东新区世纪大道") >= 0.99);
        Assert.True(Similarity.TokenSet("上海市浦东新区", "北京市海淀区") < 0.3);
    }

    [Theory]
    [InlineData("19900305", "19900305", 3)]
    [InlineData("19900305", "19900503", 2)] // day and month swapped
    [InlineData("19900305", "19900306", 2)] // one digit
    [InlineData("19900305", "19910306", 1)] // two digits
    [InlineData("19900305", "19751120", 0)]
    public void BirthDates_TolerateSwapsAndTypos(string a, string b, int level)
        => Assert.Equal(level, FieldComparer.Compare(FieldKind.BirthDate, a, b));

    [Fact]
    public void Folding_MakesFullWidthHalfWidth_AndDropsPunctuation()
    {
        Assert.Equal("abc 123", TextFolding.Fold("ＡＢＣ，１２３"));
        Assert.Equal("8613800138000", TextFolding.Digits("＋86 138-0013-8000"));
        Assert.Equal("13800138000", FieldComparer.Prepare(FieldKind.Phone, "+86 138 0013 8000"));
        Assert.Null(TextFolding.Fold("  ， "));
    }

    [Fact]
    public void MissingValues_NeitherHelpNorHurt()
    {
        var options = Febrl.Options();
        var records = Febrl.Load("dataset1.csv");
        var result = IdentityResolver.Resolve(records, options);
        var decision = result.Decisions.First(d => d.Evidence.Any(e => e.Level == "missing"));
        Assert.All(decision.Evidence.Where(e => e.Level == "missing"), e => Assert.Equal(0, e.Weight));
        Assert.Equal(decision.Weight, decision.Evidence.Sum(e => e.Weight), 9);
    }

    [Fact]
    public void Overrides_AreKept_AndBadOptionsNameTheSetting()
    {
        var options = Febrl.Options();
        options.Overrides["address"] = new FieldProbabilities([0.1, 0.05, 0.05, 0.1, 0.7], [0.8, 0.15, 0.03, 0.015, 0.005]);
        var result = IdentityResolver.Resolve(Febrl.Load("dataset1.csv"), options);
        var address = result.Model.Single(m => m.Name == "address");
        Assert.Equal([0.1, 0.05, 0.05, 0.1, 0.7], address.M);
        Assert.Equal([0.8, 0.15, 0.03, 0.015, 0.005], address.U);
        Assert.False(address.Fitted);

        options.Overrides["address"] = new FieldProbabilities([0.5, 0.6], null);
        Assert.Contains("Overrides[address].M", Assert.Throws<EcrmException>(options.Validate).Message, StringComparison.Ordinal);
        options.Overrides.Clear();
        options.Overrides["state"] = new FieldProbabilities(null, [0.5, 0.5]);
        Assert.Contains("expected a comparison name", Assert.Throws<EcrmException>(options.Validate).Message, StringComparison.Ordinal);
        var bad = Febrl.Options();
        bad.MatchProbability = 0.4;
        Assert.Contains("ReviewProbability", Assert.Throws<EcrmException>(bad.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decisions_CarryEvidence_AndTheModelLearnsThatIdsDiscriminate()
    {
        var result = IdentityResolver.Resolve(Febrl.Load("dataset1.csv"), Febrl.Options());
        var ssn = result.Model.Single(m => m.Name == "soc_sec_id");
        Assert.True(ssn.Weights[^1] > 8); // exact id agreement is strong evidence
        Assert.True(ssn.Weights[0] < -3); // disagreement is strong evidence against
        var match = result.Decisions.First(d => d.Outcome == MatchOutcome.Match);
        Assert.Equal(5, match.Evidence.Count); // given, surname, the six address fields as one, birth date, id
        Assert.True(match.Probability >= 0.9);
        Assert.True(result.BlockingPasses.Count >= 5);
    }
}
