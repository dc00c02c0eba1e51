using System.Text;
using System.Text.Json;
using Ecrm.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Serialization;

/// <summary>
/// The direct event reader and writer against <see cref="JsonSerializer"/> with <see cref="EcrmJsonContext"/>, which
/// stays the definition: the same bytes written, the same event read from the SDK's own text, and for corrupted or
/// unusual text the same event or the same error.
/// </summary>
public sealed class EventJsonCodecProperties
{
    private static readonly string[] Texts = ["", "a", "马静", "星耀 X1 手机", "quote\" back\\slash", "tab\tnew\nline", "<script>&'", "emoji 😀", "\u0001ctl", "+8614000012244"];

    public static Arbitrary<CustomerEvent> Events()
    {
        var text = Gen.Elements(Texts);
        var optionalText = Gen.OneOf(Gen.Constant<string?>(null), text.Select(t => (string?)t));
        var identity = from kind in Gen.Elements("phone", "email", "wechat-openid", "device")
                       from value in Gen.Elements("+8614000012244", "u1@126.com", "oABC", "kiosk 1", "马")
                       from scope in Gen.Elements<string?>(null, "tmall", "wx123")
                       select new Identity(new IdentityKind(kind), value, scope);
        var money = from units in Gen.Choose(0, 100_000) from cents in Gen.Elements(0, 1, 50, 99) from scale in Gen.Elements(0, 2) select scale == 0 ? (decimal)units : units + (cents / 100m);
        var custom = Gen.OneOf(
            Gen.Constant<IReadOnlyDictionary<string, string>?>(null),
            Gen.ListOf(Gen.Zip(Gen.Elements("shoe-size", "vip", "渠道", "a\"b"), text)).Select(l => (IReadOnlyDictionary<string, string>?)l.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2)));
        var profile = from name in optionalText
                      from gender in Gen.Elements<Gender?>(null, Gender.Female, Gender.Male, Gender.Other, Gender.Unknown)
                      from birth in Gen.Elements<DateOnly?>(null, new DateOnly(1988, 8, 22), new DateOnly(2000, 2, 29))
                      from city in optionalText
                      from c in custom
                      select new ProfileAttributes { Name = name, Gender = gender, BirthDate = birth, City = city, Region = city is null ? null : "浙江省", Language = name is null ? null : "zh-CN", Custom = c };
        var item = from sku in Gen.Elements("PH-X1", "CASE-1", "配件") from q in Gen.Choose(0, 5) from price in money from name in optionalText
                   select q == 0 ? new LineItem { Sku = sku, UnitPrice = price } : new LineItem { Sku = sku, Name = name, Category = name is null ? null : "手机", Quantity = q, UnitPrice = price };
        var properties = from amount in Gen.OneOf(Gen.Constant<decimal?>(null), money.Select(m => (decimal?)m))
                         from items in Gen.OneOf(Gen.Constant<IReadOnlyList<LineItem>?>(null), Gen.ListOf(item).Select(l => (IReadOnlyList<LineItem>?)l.ToList()))
                         from t in optionalText
                         from author in Gen.OneOf(Gen.Constant<Identity?>(null), identity.Select(i => (Identity?)i))
                         from followers in Gen.Elements<long?>(null, 0, 12_345, long.MaxValue)
                         from rating in Gen.Elements<decimal?>(null, 0m, 4.5m, 5m)
                         from lat in Gen.Elements(0d, 31.2304, -33.8688, 1e-7)
                         from c in custom
                         select new EventProperties
                         {
                             Amount = amount, Currency = amount is null ? null : "CNY", OrderId = amount is null ? null : "T1", LineItems = items, Text = t,
                             Rating = rating, TargetPostId = author is null ? null : "p1", TargetAuthor = author, Referrer = followers == 0 ? author : null,
                             FollowerCount = followers, CampaignCode = t is null ? null : "double-11", Url = rating is null ? null : "https://x.cn/?a=1&b=2",
                             Location = lat == 0 ? null : new GeoLocation { Latitude = lat, Longitude = 121.4737, Label = t }, Custom = c,
                         };
        return (from id in Gen.Elements("e1", "shop-1352903-00088954", "事件-1", "a\"b")
                from channel in Gen.Elements(EventChannel.Shop, EventChannel.WeChat, EventChannel.Weibo, EventChannel.Email)
                from type in Gen.Elements(EventType.Purchase, EventType.Comment, EventType.Follow, new EventType("consent-given"))
                from seconds in Gen.Choose(0, 1_000_000_000)
                from offset in Gen.Elements(0, 8, -5)
                from ticks in Gen.Elements(0, 1, 1234567)
                from identities in Gen.ListOf(identity)
                from p in Gen.OneOf(Gen.Constant<ProfileAttributes?>(null), profile.Select(x => (ProfileAttributes?)x))
                from props in Gen.OneOf(Gen.Constant<EventProperties?>(null), properties.Select(x => (EventProperties?)x))
                select new CustomerEvent
                {
                    Id = id, Channel = channel, Type = type,
                    OccurredAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(offset)).AddSeconds(seconds).AddTicks(ticks),
                    Identities = [.. identities], Profile = p, Properties = props,
                }).ToArbitrary();
    }

    /// <summary>Written directly, an event is the serializer's bytes, with either encoder.</summary>
    [Property(MaxTest = 400, Arbitrary = [typeof(EventJsonCodecProperties)])]
    public bool Writer_IsTheSerializersBytes(CustomerEvent e)
        => EventJsonLines.SerializeToUtf8Bytes(e).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Readable.CustomerEvent))
           && Written(e, EcrmJsonContext.Default.Options).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Default.CustomerEvent));

    /// <summary>The SDK's own text is read directly (never declined), and gives the event the serializer gives.</summary>
    [Property(MaxTest = 400, Arbitrary = [typeof(EventJsonCodecProperties)])]
    public bool Reader_TakesTheSdksText_AndReadsWhatTheSerializerReads(CustomerEvent e)
    {
        var readable = JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Readable.CustomerEvent);
        var escaped = JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Default.CustomerEvent);
        return EventJsonReader.TryRead(readable) is { } a && SameEvent(a, JsonSerializer.Deserialize(readable, EcrmJsonContext.Default.CustomerEvent)!)
            && EventJsonReader.TryRead(escaped) is { } b && SameEvent(b, a);
    }

    /// <summary>
    /// Text corrupted the ways files and hands corrupt it (a character dropped, doubled or replaced, a value nulled, a
    /// property repeated or renamed, a number turned into a string, trailing text) reads as the serializer reads it:
    /// the same event, or the same error message.
    /// </summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(EventJsonCodecProperties)])]
    public bool CorruptedText_ReadsAsTheSerializerReadsIt(CustomerEvent e, int where, byte corruption)
    {
        var text = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Readable.CustomerEvent));
        var at = (int)((uint)where % (uint)text.Length);
        var corrupted = (corruption % 9) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, text[at].ToString()),
            2 => text[..at] + "x" + text[(at + 1)..],
            3 => text.Replace(":\"", ":null,\"x\":\"", StringComparison.Ordinal),
            4 => text.Replace("\"id\":", "\"Id\":", StringComparison.Ordinal),
            5 => text[..^1] + ",\"id\":\"again\"}",
            6 => text.Replace("\"amount\":", "\"amount\":\"", StringComparison.Ordinal),
            7 => text + " {}",
            _ => text.Replace("\"kind\":", "\"unknown\":1,\"kind\":", StringComparison.Ordinal),
        };
        var utf8 = Encoding.UTF8.GetBytes(corrupted);
        return Outcome(() => EventJsonLines.Deserialize(utf8)) == Outcome(() => JsonSerializer.Deserialize(utf8, EcrmJsonContext.Default.CustomerEvent) ?? throw new JsonException("Expected an event object, received null."));
    }

    [Fact]
    public void Reader_Declines_WhatItDoesNotKnow_AndTheSerializerDecides()
    {
        const string Known = """{"id":"e1","channel":"shop","type":"purchase","occurredAt":"2025-11-01T17:46:18+00:00","identities":[{"kind":"phone","value":"+8614000012244"}]}""";
        Assert.NotNull(EventJsonReader.TryRead(Encoding.UTF8.GetBytes(Known)));
        foreach (var unusual in new[] { Known.Replace("\"id\"", "\"extra\":1,\"id\"", StringComparison.Ordinal), Known.Replace("}]}", "}],\"profile\":null}", StringComparison.Ordinal) })
        {
            Assert.Null(EventJsonReader.TryRead(Encoding.UTF8.GetBytes(unusual)));
            Assert.Equal("e1", EventJsonLines.Deserialize(Encoding.UTF8.GetBytes(unusual)).Id); // the serializer reads it
        }

        var invalid = Encoding.UTF8.GetBytes(Known.Replace("\"shop\"", "\"Shop\"", StringComparison.Ordinal));
        Assert.Null(EventJsonReader.TryRead(invalid));
        Assert.Contains("Invalid channel 'Shop'", Assert.Throws<JsonException>(() => EventJsonLines.Deserialize(invalid)).Message, StringComparison.Ordinal);
    }

    private static byte[] Written(CustomerEvent e, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder });
        EventJsonLines.Write(writer, e);
        return buffer.WrittenSpan.ToArray(); // read before the writer is disposed, as the SQLite log writer reads its buffer
    }

    private static bool SameEvent(CustomerEvent a, CustomerEvent b)
        => JsonSerializer.SerializeToUtf8Bytes(a, EcrmJsonContext.Default.CustomerEvent).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, EcrmJsonContext.Default.CustomerEvent))
           && a.OccurredAt.Offset == b.OccurredAt.Offset
           && a.Identities.GetType() == b.Identities.GetType()
           && a.Properties?.Custom?.GetType() == b.Properties?.Custom?.GetType();

    private static string Outcome(Func<CustomerEvent> read)
    {
        try
        {
            return "event " + Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(read(), EcrmJsonContext.Default.CustomerEvent));
        }
        catch (JsonException ex)
        {
            return "error " + ex.Message;
        }
    }
}
