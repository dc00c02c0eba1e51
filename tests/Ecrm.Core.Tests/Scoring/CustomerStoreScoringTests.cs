using Ecrm.Scoring;
using Ecrm.Storage.ConformanceTests;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Scoring;

public sealed class CustomerStoreScoringTests
{
    [Fact]
    public async Task ScoreRfmAsync_ScoresBuyersOnly_FromTheirCounters()
    {
        await using var h = TestGraph.Create();
        await h.Graph.IngestBatchAsync(
        [
            Event("p1", 10, EventType.Purchase, Phone(1)),
            Event("p2", 20, EventType.Purchase, Phone(1)),
            Event("p3", 30, EventType.Purchase, Phone(2)),
            Event("v1", 40, EventType.PageView, Phone(3)),
        ]);
        var scores = await h.Store.ScoreRfmAsync(Epoch.AddDays(1), "CNY");
        Assert.Equal(2, scores.Count);
        var firstId = await h.Graph.ResolveAsync(Phone(1));
        var one = scores.Single(s => s.CustomerId == firstId);
        var two = scores.Single(s => s.CustomerId != one.CustomerId);
        Assert.True(one.Frequency > two.Frequency); // two orders against one
        Assert.True(two.Recency > one.Recency); // bought last
    }

    [Fact]
    public async Task BuildInfluenceGraphAsync_RepostsMakeTheAuthorInfluential()
    {
        await using var h = TestGraph.Create();
        var author = Weibo(1);
        var events = new List<CustomerEvent>
        {
            Event("a0", 0, EventType.Comment, author).With(properties: new EventProperties { FollowerCount = 50_000 }, channel: EventChannel.Weibo),
        };
        for (var i = 2; i < 12; i++)
        {
            events.Add(Event($"r{i}", i, EventType.Repost, Weibo(i)).With(properties: new EventProperties { TargetAuthor = author }, channel: EventChannel.Weibo));
        }

        await h.Graph.IngestBatchAsync(events);
        var graph = await h.Store.BuildInfluenceGraphAsync();
        Assert.Equal(10, graph.EdgeCount);
        var top = graph.Compute().Top(1)[0];
        Assert.Equal(await h.Graph.ResolveAsync(author), top.CustomerId);
        Assert.Equal(100, top.Score, 6); // the highest PageRank and the most followers
    }
}
