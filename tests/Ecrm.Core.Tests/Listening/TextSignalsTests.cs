using Ecrm.Listening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Ecrm.Core.Tests.Listening.ListeningHarness;

namespace Ecrm.Core.Tests.Listening;

/// <summary>Complaint topics, brand mentions and share, feature requests, and the keyword matcher under them.</summary>
public sealed class TextSignalsTests
{
    [Fact]
    public void Aspects_TakeTheSentimentOfTheirOwnClause()
    {
        var analysis = new ListeningHarnessless().Analyze("东西质量不错，但是物流太慢了，客服态度还可以");
        Assert.True(analysis.Aspects.Single(a => a.Aspect == "logistics").IsComplaint);
        Assert.False(analysis.Aspects.Single(a => a.Aspect == "quality").IsComplaint);
        Assert.False(analysis.Aspects.Single(a => a.Aspect == "service").IsComplaint);
        Assert.Equal(["logistics"], analysis.Complaints);
        var english = new ListeningHarnessless().Analyze("Great phone, but the delivery was slow and the box arrived crushed.");
        Assert.Contains("logistics", english.Complaints);
    }

    [Fact]
    public void Brands_AreFoundByNameAliasAndProduct_AtWordBoundaries()
    {
        var listening = new ListeningHarnessless();
        var analysis = listening.Analyze("红米手机比华为便宜多了，还是苹果的拍照好。I love my iPhone.");
        Assert.Equal(["小米", "华为", "Apple"], analysis.Brands.Select(b => b.Brand));
        Assert.Equal("红米", analysis.Brands[0].Product);
        Assert.True(analysis.Brands[0].IsOwn);
        Assert.Empty(listening.Analyze("pineapple and mint tea").Brands);
        Assert.Single(listening.Analyze("Bought a Redmi today").Brands);
    }

    [Theory]
    [InlineData("希望能出个大容量的版本", true)]
    [InlineData("Please add a dark mode to the app.", true)]
    [InlineData("It would be great if the battery lasted longer", true)]
    [InlineData("建议大家不要买，质量太差", false)]
    [InlineData("I wish I had bought the other one", false)]
    [InlineData("质量很好，物流很快", false)]
    public void FeatureRequests_AreRecognised(string text, bool isRequest) =>
        Assert.Equal(isRequest, new ListeningHarnessless().Analyze(text).Request is not null);

    [Fact]
    public async Task TopicTrends_CountComplaintsPerWindow_AgainstTheWindowBefore()
    {
        await using var h = new ListeningHarness();
        var n = 0;
        await h.Graph.IngestAsync(Comment($"e{n++}", "a", "物流太慢了", Start.AddHours(1)));
        foreach (var hour in new[] { 25, 26, 27 })
        {
            await h.Graph.IngestAsync(Comment($"e{n++}", $"b{hour}", "物流太慢了，包装也破了", Start.AddHours(hour)));
        }

        await h.Graph.IngestAsync(Comment($"e{n++}", "c", "质量很好", Start.AddHours(30)));
        var trends = await h.Listening.GetTopicTrendsAsync(TimeSpan.FromDays(1), Start.AddDays(2));
        var logistics = trends.Single(t => t.Aspect == "logistics");
        Assert.Equal((3, 1), (logistics.Complaints, logistics.PreviousComplaints));
        Assert.Equal(2.0, logistics.Change);
        Assert.Equal("packaging", trends[0].Aspect); // as many complaints, none the day before: the steeper rise leads
        Assert.Equal(3, trends[0].Complaints);
        var quality = trends.Single(t => t.Aspect == "quality");
        Assert.Equal((0, 1), (quality.Complaints, quality.Mentions));
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Listening.GetTopicTrendsAsync(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task BrandShare_ComparesOwnBrandWithCompetitors()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Comment("e1", "a", "小米手机很好用，性价比高", Start));
        await h.Graph.IngestAsync(Comment("e2", "b", "红米的电池太差了", Start));
        await h.Graph.IngestAsync(Comment("e3", "c", "华为的信号很好", Start));
        await h.Graph.IngestAsync(Comment("e4", "d", "I love my iPhone", Start));
        var share = await h.Listening.GetBrandShareAsync();
        Assert.Equal(["小米", "华为", "Apple"], share.Select(s => s.Brand));
        Assert.Equal((2, 0.5, 1, 1), (share[0].Mentions, share[0].Share, share[0].Positive, share[0].Negative));
        Assert.Equal((1, 0.25, 1.0), (share[1].Mentions, share[1].Share, share[1].NetSentiment));
        Assert.Equal(0, (await h.Listening.GetBrandShareAsync(to: Start)).Sum(s => s.Mentions));
    }

    [Fact]
    public async Task FeatureRequests_AreGroupedBySimilarity()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Comment("e1", "a", "手机不错，希望能出个大容量电池的版本", Start));
        await h.Graph.IngestAsync(Comment("e2", "b", "建议出大容量电池版本", Start.AddHours(1)));
        await h.Graph.IngestAsync(Comment("e3", "a", "要是能出个大容量电池的就好了", Start.AddHours(2)));
        await h.Graph.IngestAsync(Comment("e4", "c", "Please add a dark mode", Start.AddHours(3)));
        await h.Graph.IngestAsync(Comment("e5", "d", "建议大家别买", Start.AddHours(4)));
        var groups = await h.Listening.GetFeatureRequestsAsync();
        Assert.Equal(2, groups.Count);
        Assert.Equal((3, 2), (groups[0].Count, groups[0].Customers));
        Assert.Equal("e1", groups[0].Key);
        Assert.Contains("function", groups[0].Aspects);
        Assert.Equal(Start.AddHours(2), groups[0].LastSeen);
        Assert.Equal("please add a dark mode", groups[1].Representative);
    }

    /// <summary>Grouping on posts is order-free (severity is not: it reflects the author's reach when last updated).</summary>
    [Property(MaxTest = 30)]
    public Property AlertsOnPosts_DoNotDependOnArrivalOrder() =>
        Prop.ForAll(
            Gen.Shuffle(Enumerable.Range(0, 8).ToArray()).ToArbitrary(),
            order =>
            {
                var events = Enumerable.Range(0, 8)
                    .Select(i => Comment($"e{i}", $"u{i % 3}", i % 4 == 3 ? "很好" : "太差了，失望", Start.AddMinutes(i), post: $"p{i % 2}"))
                    .ToArray();
                Assert.Equal(Summary(events), Summary([.. order.Select(i => events[i])]));
                return true;
            });

    private static List<string> Summary(CustomerEvent[] events)
    {
        var h = new ListeningHarness();
        try
        {
            foreach (var e in events)
            {
                h.Graph.IngestAsync(e).AsTask().GetAwaiter().GetResult();
            }

            return [.. h.Listening.GetAlertsAsync().AsTask().GetAwaiter().GetResult()
                .Select(a => $"{a.Customer!.Profile.Identities[0].Identity}|{a.TargetPostId}|{a.Occurrences}|{a.Sentiment:F4}|{a.RaisedAt:O}|{string.Join(",", a.Texts.Select(t => t.EventId))}")
                .Order(StringComparer.Ordinal)];
        }
        finally
        {
            h.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void KeywordMatcher_FindsOverlappingKeywords_InOnePass()
    {
        var matcher = new KeywordMatcher(["物流", "物流慢", "流", "he", "she", "hers", "  "]);
        Assert.Equal(6, matcher.Count);
        var found = matcher.Matches(KeywordMatcher.Fold("物流慢"));
        Assert.Equal([(0, 0, 2), (1, 0, 3), (2, 1, 1)], found.Order());
        Assert.Empty(matcher.Matches("ushers")); // inside a word: no English match
        Assert.Equal([4, 5], matcher.Matches("she hers").Select(m => m.Keyword)); // "he" inside both is not a word
    }

    /// <summary>Listening's text reading without a graph, with the harness's brands.</summary>
    private sealed class ListeningHarnessless
    {
        private readonly ListeningTextAnalyzer _analyzer;

        public ListeningHarnessless()
        {
            var options = new ListeningOptions
            {
                OwnBrand = new BrandDefinition("小米", ["xiaomi", "mi"], [new ProductDefinition("红米", ["redmi"])]),
            };
            options.Competitors.Add(new BrandDefinition("华为", ["huawei"]));
            options.Competitors.Add(new BrandDefinition("Apple", ["苹果", "iphone"]));
            _analyzer = new ListeningTextAnalyzer(options, LexiconSentimentAnalyzer.Default);
        }

        public TextAnalysis Analyze(string text) => _analyzer.Analyze(text);
    }
}
