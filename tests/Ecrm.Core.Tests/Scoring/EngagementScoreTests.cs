using Ecrm.Scoring;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Scoring;

public sealed class EngagementScoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);

    [Fact]
    public void At_OneHalfLifeLater_IsHalf()
    {
        var s = default(EngagementScore).Add(4, T0, HalfLife);
        Assert.Equal(2, s.At(T0 + HalfLife, HalfLife), 12);
        Assert.Equal(1, s.At(T0 + HalfLife + HalfLife, HalfLife), 12);
    }

    [Property(MaxTest = 200)]
    public Property Add_IsOrderFree(PositiveInt[] offsetsInHours, int seed)
    {
        var events = offsetsInHours.Select((h, i) => (Weight: 1.0 + (i % 3), At: T0.AddHours(h.Get % 5000))).ToArray();
        var shuffled = events.OrderBy(_ => new Random(seed).Next()).ToArray();
        var inOrder = events.OrderBy(e => e.At).Aggregate(default(EngagementScore), (s, e) => s.Add(e.Weight, e.At, HalfLife));
        var anyOrder = shuffled.Aggregate(default(EngagementScore), (s, e) => s.Add(e.Weight, e.At, HalfLife));
        var end = T0.AddHours(6000);
        return (Math.Abs(inOrder.At(end, HalfLife) - anyOrder.At(end, HalfLife)) <= 1e-9 * (1 + inOrder.At(end, HalfLife))).ToProperty();
    }

    [Fact]
    public void Options_Validate_NamesTheBadSetting()
    {
        var o = new EngagementOptions { HalfLife = TimeSpan.Zero };
        Assert.Contains("HalfLife", Assert.Throws<EcrmException>(o.Validate).Message, StringComparison.Ordinal);
        o = new EngagementOptions();
        o.Weights[EventType.Like] = -1;
        Assert.Contains("Weights[like]", Assert.Throws<EcrmException>(o.Validate).Message, StringComparison.Ordinal);
        Assert.Equal(5, new EngagementOptions().WeightOf(EventType.Purchase));
        Assert.Equal(1, new EngagementOptions().WeightOf(EventType.FromName("custom-thing")));
    }
}
