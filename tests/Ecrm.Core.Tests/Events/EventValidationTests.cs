using Ecrm.Storage.ConformanceTests;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Events;

public sealed class EventValidationTests
{
    public static TheoryData<string, CustomerEvent> BadEvents => new()
    {
        { "id", new CustomerEvent { Id = " ", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1)] } },
        { "id", new CustomerEvent { Id = new string('x', 129), Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1)] } },
        { "channel", new CustomerEvent { Id = "e", Channel = default, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1)] } },
        { "type", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = default, OccurredAt = Epoch, Identities = [Phone(1)] } },
        { "occurredAt", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = GraphHarness.Now.AddHours(1), Identities = [Phone(1)] } },
        { "occurredAt", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero), Identities = [Phone(1)] } },
        { "identities", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [] } },
        { "identities[1].value", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1), Identity.Phone("call me")] } },
        { "identities[0].scope", new CustomerEvent { Id = "e", Channel = EventChannel.WeChat, Type = EventType.Follow, OccurredAt = Epoch, Identities = [new Identity(IdentityKind.WeChatOpenId, "o1")] } },
        { "properties.amount", new CustomerEvent { Id = "e", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Amount = -1m } } },
        { "properties.currency", new CustomerEvent { Id = "e", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Amount = 1m, Currency = "rmb" } } },
        { "properties.rating", new CustomerEvent { Id = "e", Channel = EventChannel.Shop, Type = EventType.Review, OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Rating = 6m } } },
        { "properties.followerCount", new CustomerEvent { Id = "e", Channel = EventChannel.Weibo, Type = EventType.Comment, OccurredAt = Epoch, Identities = [Weibo(1)], Properties = new() { FollowerCount = -5 } } },
        { "properties.location", new CustomerEvent { Id = "e", Channel = EventChannel.WeChat, Type = new EventType("location"), OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Location = new GeoLocation { Latitude = 91, Longitude = 0 } } } },
        { "properties.lineItems[0].quantity", new CustomerEvent { Id = "e", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Amount = 1m, LineItems = [new LineItem { Sku = "S", Quantity = 0 }] } } },
        { "properties.lineItems[0].sku", new CustomerEvent { Id = "e", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)], Properties = new() { Amount = 1m, LineItems = [new LineItem { Sku = "" }] } } },
        { "properties.targetAuthor.value", new CustomerEvent { Id = "e", Channel = EventChannel.Weibo, Type = EventType.Repost, OccurredAt = Epoch, Identities = [Weibo(1)], Properties = new() { TargetAuthor = Identity.WeiboUid(" ") } } },
        { "profile.birthDate", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1)], Profile = new() { BirthDate = new DateOnly(1850, 1, 1) } } },
        { "profile.name", new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch, Identities = [Phone(1)], Profile = new() { Name = "bad\nname" } } },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Ingest_InvalidField_ThrowsNamingTheFieldAndStoresNothing(string field, CustomerEvent e)
    {
        await using var h = TestGraph.Create();
        var ex = await Assert.ThrowsAsync<EventValidationException>(async () => await h.Graph.IngestAsync(e));

        Assert.Equal(field, ex.Field);
        Assert.Contains("expected", ex.Message, StringComparison.Ordinal);
        var stats = await h.Graph.GetStatisticsAsync();
        Assert.Equal((0, 0, 0), (stats.Events, stats.Customers, stats.Identities));
    }

    [Fact]
    public async Task Ingest_Null_IsRejected()
    {
        await using var h = TestGraph.Create();
        await Assert.ThrowsAsync<EventValidationException>(async () => await h.Graph.IngestAsync(null!));
    }

    [Fact]
    public async Task Ingest_DuplicateIdentitiesAfterNormalisation_AreCollapsed()
    {
        await using var h = TestGraph.Create();
        await h.Graph.IngestAsync(Event("e", 0, EventType.Follow, Identity.Phone("13800138000"), Identity.Phone("+86 138 0013 8000")));
        var c = await h.Graph.FindAsync(Identity.Phone("13800138000"));
        Assert.Single(c!.Profile.Identities);
    }

    [Fact]
    public async Task Ingest_WithinFutureSkew_IsAccepted()
    {
        await using var h = TestGraph.Create();
        var e = new CustomerEvent { Id = "e", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = GraphHarness.Now.AddMinutes(4), Identities = [Phone(1)] };
        Assert.Equal(IngestStatus.Accepted, (await h.Graph.IngestAsync(e)).Status);
    }
}
