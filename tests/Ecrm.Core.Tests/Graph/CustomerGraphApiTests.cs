using System.Text;
using Ecrm.Serialization;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Graph;

public sealed class CustomerGraphApiTests
{
    [Fact]
    public async Task GetTimeline_ForgedCursor_ThrowsEcrmException()
    {
        await using var h = TestGraph.Create();
        var id = (await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)))).CustomerId!;

        var ex = await Assert.ThrowsAsync<EcrmException>(async () => await h.Graph.GetTimelineAsync(id, new TimelineQuery { Cursor = "not-a-cursor" }));
        Assert.Contains("NextCursor", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task GetTimeline_LimitOutOfRange_Throws(int limit)
    {
        await using var h = TestGraph.Create();
        var ex = await Assert.ThrowsAsync<EcrmException>(async () => await h.Graph.GetTimelineAsync("cus_x", new TimelineQuery { Limit = limit }));
        Assert.Contains("TimelineQuery.Limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestBatch_CancelledBeforeApply_StoresNothing()
    {
        await using var h = TestGraph.Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await h.Graph.IngestBatchAsync([Event("a", 0, EventType.Follow, Phone(1))], cancelled.Token));
        Assert.Equal(0, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public void IdentityJson_NumericValue_IsReadAsText()
    {
        var json = "{\"id\":\"e\",\"channel\":\"weibo\",\"type\":\"comment\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"identities\":[{\"kind\":\"weibo-uid\",\"value\":6071234567}]}";
        var e = EventJsonLines.Deserialize(Encoding.UTF8.GetBytes(json));
        Assert.Equal(Identity.WeiboUid("6071234567"), e.Identities[0]);
    }

    [Fact]
    public async Task Find_IdentityInAnyWrittenForm_IsNormalisedFirst()
    {
        await using var h = TestGraph.Create();
        await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Identity.Phone("+8613800138000")));

        Assert.NotNull(await h.Graph.FindAsync(Identity.Phone("138-0013-8000")));
        await Assert.ThrowsAsync<IdentityFormatException>(async () => await h.Graph.FindAsync(Identity.Phone("not a phone")));
    }

    [Fact]
    public async Task WeakOnlyCustomer_LaterJoinedByStrongIdentity_KeepsItsHistory()
    {
        await using var h = TestGraph.Create();
        var anonymous = await h.Graph.IngestAsync(Event("v1", 0, EventType.PageView, Device(1)));
        var login = await h.Graph.IngestAsync(Event("login", 1, new EventType("login"), Device(1), Email(1)));

        Assert.Equal(anonymous.CustomerId, login.CustomerId);
        var c = (await h.Graph.FindAsync(Email(1)))!;
        Assert.Equal(2, c.Timeline.Events.Count);
    }
}
