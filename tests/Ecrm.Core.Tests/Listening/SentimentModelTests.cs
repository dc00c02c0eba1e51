using Ecrm.Listening;

namespace Ecrm.Core.Tests.Listening;

/// <summary>The trainable classifier on a 6,000-review slice of the Chinese online-shopping reviews.</summary>
public sealed class SentimentModelTests
{
    private static readonly Lazy<List<(string Category, bool Positive, string Text)>> Reviews = new(() =>
        [.. File.ReadLines(TestPaths.Fixture("sentiment/online_shopping_sample.csv")).Skip(1)
            .Select(l => l.Split(',', 3)).Where(f => f.Length == 3).Select(f => (f[0], f[1] == "1", f[2]))]);

    private static readonly Lazy<SentimentModel> Model = new(() => SentimentModel.Train(Reviews.Value.Take(4800).Select(r => (r.Text, r.Positive))));

    [Fact]
    public void HeldOutAccuracy_OnTheSlice_IsHigh()
    {
        var test = Reviews.Value.Skip(4800).ToList();
        var accuracy = test.Count(r => (Model.Value.Score(r.Text) > 0) == r.Positive) / (double)test.Count;
        // Trained on 4,800 reviews only; on the full development file (40,000 for training) it reaches 93% (docs/listening.md).
        Assert.True(accuracy >= 0.88, $"accuracy {accuracy:F4} on {test.Count}");
    }

    [Fact]
    public void Scores_AreCalibratedIntoMinusOneToOne_AndOrdered()
    {
        var good = Model.Value.Score("质量很好，物流也快，非常满意，五星好评！");
        var bad = Model.Value.Score("太差了，质量很差，客服也不回复，非常失望");
        Assert.InRange(good, 0.5, 1);
        Assert.InRange(bad, -1, -0.5);
        Assert.Equal(0, Model.Value.Score("   "));
    }

    [Fact]
    public void SaveAndLoad_GiveTheSameScores()
    {
        using var buffer = new MemoryStream();
        Model.Value.Save(buffer);
        buffer.Position = 0;
        var loaded = SentimentModel.Load(buffer);
        Assert.Equal(Model.Value.FeatureCount, loaded.FeatureCount);
        foreach (var r in Reviews.Value.Skip(4800).Take(200))
        {
            Assert.Equal(Model.Value.Score(r.Text), loaded.Score(r.Text), tolerance: 1e-4);
        }

        Assert.Throws<EcrmException>(() => SentimentModel.Load(new MemoryStream("{\"format\":\"other\"}"u8.ToArray())));
        Assert.Throws<EcrmException>(() => SentimentModel.Load(new MemoryStream("not json"u8.ToArray())));
    }

    [Fact]
    public void StarRatings_MapToLabels_AndTrainingNeedsBothLabels()
    {
        Assert.True(SentimentModel.LabelFromStars(5));
        Assert.False(SentimentModel.LabelFromStars(2));
        Assert.Null(SentimentModel.LabelFromStars(3));
        Assert.Throws<EcrmException>(() => SentimentModel.LabelFromStars(6));
        Assert.Throws<EcrmException>(() => SentimentModel.Train(Enumerable.Repeat(("好", true), 20)));
    }

    [Fact]
    public void HashedFeatures_AreExactlyTheHashesOfTheTextFeatures()
    {
        string[] extra = ["Great phone 质量好!", "  it's   NOT good?? 不好！", "ＡＢＣ　ｄｅｆ", "a", "", "..."];
        foreach (var text in Reviews.Value.Take(500).Select(r => r.Text).Concat(extra))
        {
            var hashes = new HashSet<ulong>();
            SentimentFeatures.Hashes(text, hashes);
            Assert.True(hashes.SetEquals(SentimentFeatures.Of(text).Select(f => SentimentFeatures.Hash(f))), text);
        }
    }

    [Fact]
    public void Features_HandleChineseEnglishAndMixedText()
    {
        var f = SentimentFeatures.Of("Great phone 质量好!");
        Assert.Contains("great", f);
        Assert.Contains("great phone", f);
        Assert.Contains("质量", f);
        Assert.Contains("!", f);
        Assert.Contains("ａｂｃ".Normalize(System.Text.NormalizationForm.FormKC), SentimentFeatures.Of("ＡＢＣ"));
    }
}
