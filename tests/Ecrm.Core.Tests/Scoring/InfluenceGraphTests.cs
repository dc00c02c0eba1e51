using Ecrm.Scoring;

namespace Ecrm.Core.Tests.Scoring;

public sealed class InfluenceGraphTests
{
    [Fact]
    public void Compute_StarGraph_CentreRanksHighest_AndRanksSumToOne()
    {
        var g = new InfluenceGraph();
        for (var i = 0; i < 10; i++)
        {
            g.AddEdge($"fan{i}", "kol");
        }

        g.AddEdge("kol", "brand");
        var s = g.Compute();
        Assert.True(s.Converged);
        Assert.Equal(1.0, new[] { "kol", "brand" }.Concat(Enumerable.Range(0, 10).Select(i => $"fan{i}")).Sum(s.PageRankOf), 9);
        Assert.Equal("kol", s.Top(1)[0].CustomerId);
        Assert.True(s.PageRankOf("brand") > s.PageRankOf("fan0"));
        Assert.Equal(50, s.ScoreOf("kol"), 9); // the highest rank and no follower counts: the PageRank half at its maximum
    }

    [Fact]
    public void Compute_MatchesAHandComputedThreeNodeCycle()
    {
        // A cycle is symmetric: every rank is 1/3 whatever the damping.
        var g = new InfluenceGraph();
        g.AddEdge("a", "b");
        g.AddEdge("b", "c");
        g.AddEdge("c", "a");
        var s = g.Compute(new InfluenceOptions { Damping = 0.7 });
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.Equal(1.0 / 3, s.PageRankOf(id), 9);
        }
    }

    [Fact]
    public void Compute_FollowersBlendIn()
    {
        var g = new InfluenceGraph();
        g.AddEdge("a", "b");
        g.SetFollowers("c", 1_000_000);
        g.SetFollowers("b", 10);
        var s = g.Compute(new InfluenceOptions { PageRankShare = 0 });
        Assert.Equal(100, s.ScoreOf("c"), 9);
        Assert.Equal(0, s.ScoreOf("a"), 9);
        Assert.Equal("c", s.Top(3)[0].CustomerId);
        Assert.Throws<EcrmException>(() => g.AddEdge("a", "b", 0));
        Assert.Throws<EcrmException>(() => g.Compute(new InfluenceOptions { Damping = 1 }));
    }
}
