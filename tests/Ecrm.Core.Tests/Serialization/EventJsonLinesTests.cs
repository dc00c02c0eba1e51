using System.Text;
using Ecrm.Serialization;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Serialization;

public sealed class EventJsonLinesTests
{
    private static readonly CustomerEvent Rich = new()
    {
        Id = "shop-order-1001",
        Channel = EventChannel.Shop,
        Type = EventType.Purchase,
        OccurredAt = Epoch,
        Identities = [Identity.Phone("+8613800138000"), Identity.WeChatOpenId("wx01", "oAbc")],
        Profile = new ProfileAttributes { Name = "李伟", Gender = Gender.Male, BirthDate = new DateOnly(1990, 5, 17), City = "上海", Custom = new Dictionary<string, string> { ["shoe-size"] = "42" } },
        Properties = new EventProperties
        {
            Amount = 299.90m,
            Currency = "CNY",
            OrderId = "T1001",
            LineItems = [new LineItem { Sku = "SKU-1", Name = "手机壳", Category = "手机配件", Quantity = 2, UnitPrice = 149.95m }],
            Location = new GeoLocation { Latitude = 31.23, Longitude = 121.47, Label = "上海" },
            TargetAuthor = Identity.WeiboUid("1001"),
        },
    };

    [Fact]
    public void Serialize_UsesStableLowercaseNames()
    {
        var json = EventJsonLines.Serialize(Rich);
        Assert.Contains("\"channel\":\"shop\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"purchase\"", json, StringComparison.Ordinal);
        Assert.Contains("{\"kind\":\"wechat-openid\",\"scope\":\"wx01\",\"value\":\"oAbc\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"gender\":\"male\"", json, StringComparison.Ordinal);
        Assert.Contains("\"birthDate\":\"1990-05-17\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_PreservesEveryField()
    {
        var json = EventJsonLines.Serialize(Rich);
        var back = EventJsonLines.Deserialize(Encoding.UTF8.GetBytes(json));
        Assert.Equal(json, EventJsonLines.Serialize(back));
        Assert.Equal(Rich.Properties!.LineItems![0].UnitPrice, back.Properties!.LineItems![0].UnitPrice);
    }

    [Fact]
    public async Task ReadAsync_ReportsBadLinesWithNumbersAndKeepsGoodOnes()
    {
        var good = EventJsonLines.Serialize(Event("a", 0, EventType.Follow, Phone(1)));
        var text = "\uFEFF" + good + "\r\n\n{\"id\":\"b\",\"channel\":\"web\"\n" + good.Replace("\"a\"", "\"c\"", StringComparison.Ordinal) + "\n{\"id\":\"d\",\"channel\":\"Web\",\"type\":\"follow\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"identities\":[]}\nnot json";
        var lines = await ReadAllAsync(text);

        Assert.Equal(5, lines.Count);
        Assert.Equal((1L, "a"), (lines[0].LineNumber, lines[0].Event!.Id));
        Assert.StartsWith("line 3:", lines[1].Error, StringComparison.Ordinal);
        Assert.Equal("c", lines[2].Event!.Id);
        Assert.StartsWith("line 5:", lines[3].Error, StringComparison.Ordinal);
        Assert.Contains("Web", lines[3].Error, StringComparison.Ordinal);
        Assert.StartsWith("line 6:", lines[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OverlongLine_IsSkippedWithErrorAndNextLineRead()
    {
        var good = EventJsonLines.Serialize(Event("a", 0, EventType.Follow, Phone(1)));
        var text = "{\"id\":\"" + new string('x', EventJsonLines.MaxLineBytes + 10) + "\"}\n" + good + "\n";
        var lines = await ReadAllAsync(text);

        Assert.Equal(2, lines.Count);
        Assert.Contains("longer than", lines[0].Error, StringComparison.Ordinal);
        Assert.Equal((2L, "a"), (lines[1].LineNumber, lines[1].Event!.Id));
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTrips()
    {
        using var stream = new MemoryStream();
        var events = Enumerable.Range(0, 100).Select(i => Event($"e{i}", i, EventType.PageView, Phone(i % 10))).ToList();
        await EventJsonLines.WriteAsync(stream, events);
        stream.Position = 0;
        var read = new List<string>();
        await foreach (var line in EventJsonLines.ReadAsync(stream))
        {
            read.Add(line.Event!.Id);
        }

        Assert.Equal(events.Select(e => e.Id), read);
    }

    private static async Task<List<EventLine>> ReadAllAsync(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var lines = new List<EventLine>();
        await foreach (var line in EventJsonLines.ReadAsync(stream))
        {
            lines.Add(line);
        }

        return lines;
    }
}
