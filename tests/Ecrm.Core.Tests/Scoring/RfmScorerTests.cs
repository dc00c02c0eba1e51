using Ecrm.Scoring;

namespace Ecrm.Core.Tests.Scoring;

public sealed class RfmScorerTests
{
    private static readonly DateTimeOffset Reference = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Score_DistinctValues_GivesQuintilesWithFiveForTheBest()
    {
        // 10 customers: c0 is the most recent, most frequent, biggest spender.
        var inputs = Enumerable.Range(0, 10)
            .Select(i => new RfmInput($"c{i}", Reference.AddDays(-i * 10), 20 - i, 1000 - (i * 50)))
            .ToArray();
        var scores = RfmScorer.Score(inputs, Reference);
        Assert.Equal("555", scores[0].Code);
        Assert.Equal("111", scores[9].Code);
        Assert.Equal(RfmGroup.Champions, scores[0].Group);
        Assert.Equal(RfmGroup.Lost, scores[9].Group);
        foreach (var s in Enumerable.Range(1, 5))
        {
            Assert.Equal(2, scores.Count(x => x.Recency == s)); // equal fifths
        }
    }

    [Fact]
    public void Score_Ties_ShareAScore_AndNonBuyersAreSkipped()
    {
        var inputs = new[]
        {
            new RfmInput("a", Reference.AddDays(-1), 1, 10),
            new RfmInput("b", Reference.AddDays(-2), 1, 20),
            new RfmInput("c", Reference.AddDays(-3), 1, 30),
            new RfmInput("d", Reference.AddDays(-4), 5, 40),
            new RfmInput("none", Reference, 0, 0),
        };
        var scores = RfmScorer.Score(inputs, Reference);
        Assert.Equal(["a", "b", "c", "d"], scores.Select(s => s.CustomerId));
        Assert.Single(scores, s => s.Frequency != scores[0].Frequency);
        Assert.Equal(scores[0].Frequency, scores[2].Frequency);
        Assert.True(scores[3].Frequency > scores[0].Frequency);
    }

    [Fact]
    public void GroupOf_EveryCellHasAGroup_AndEveryGroupIsReachable()
    {
        var seen = new HashSet<RfmGroup>();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    seen.Add(RfmScorer.GroupOf(r, f, m));
                }
            }
        }

        Assert.Equal(Enum.GetValues<RfmGroup>().Length, seen.Count);
        Assert.Equal(RfmGroup.CantLose, RfmScorer.GroupOf(1, 5, 5));
        Assert.Equal(RfmGroup.New, RfmScorer.GroupOf(5, 1, 1));
        Assert.Equal("potential-loyalist", new RfmScore("x", 5, 2, 2, RfmScorer.GroupOf(5, 2, 2)).GroupName);
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmScorer.GroupOf(0, 1, 1));
    }
}
