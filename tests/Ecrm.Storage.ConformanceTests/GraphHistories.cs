using FsCheck;
using FsCheck.Fluent;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>A generated history: events, the order they arrive in, and how arrival is cut into batches.</summary>
public sealed record History(IReadOnlyList<CustomerEvent> Events, IReadOnlyList<CustomerEvent> Arrival, IReadOnlyList<IReadOnlyList<CustomerEvent>> Batches)
{
    public override string ToString() => string.Join(Environment.NewLine, Arrival.Select(Ecrm.Serialization.EventJsonLines.Serialize));
}

public static class GraphArbitraries
{
    public static readonly Identity[] Universe =
    [
        EventFactory.Phone(1), EventFactory.Phone(2), EventFactory.Phone(3), EventFactory.Phone(4),
        EventFactory.Email(1), EventFactory.Email(2), EventFactory.Email(3),
        EventFactory.Card(1), EventFactory.Card(2), EventFactory.Card(3),
        EventFactory.OpenId(1), EventFactory.OpenId(2),
        EventFactory.Weibo(1), EventFactory.Weibo(2), EventFactory.Weibo(3),
        EventFactory.Device(1), EventFactory.Device(2),
    ];

    private static readonly EventType[] Types = [EventType.Follow, EventType.Comment, EventType.Repost, EventType.Purchase, EventType.Refund, EventType.PageView];
    private static readonly string[] Cities = ["上海", "北京", "Shenzhen", "杭州"];
    private static readonly EventChannel[] Channels = [EventChannel.WeChat, EventChannel.Weibo, EventChannel.Shop, EventChannel.Store];

    public static Arbitrary<History> Histories()
    {
        var identities = Gen.SubListOf(Universe).Where(l => l.Count is >= 1 and <= 3).Select(l => l.ToArray());
        var reference = Gen.Frequency((3, Gen.Constant<Identity?>(null)), (1, Gen.Elements(Universe).Select(i => (Identity?)i)));
        var city = Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Elements(Cities).Select(c => (string?)c)));
        var spec =
            from ids in identities
            from type in Gen.Elements(Types)
            from channel in Gen.Elements(Channels)
            from minute in Gen.Choose(0, 12)
            from amount in Gen.Choose(1, 500)
            from town in city
            from target in reference
            from referrer in reference
            select (ids, type, channel, minute, amount, town, target, referrer);

        var events =
            from specs in Gen.NonEmptyListOf(spec)
            select specs.Select((s, i) => new CustomerEvent
            {
                Id = $"ev-{i:000}",
                Channel = s.channel,
                Type = s.type,
                OccurredAt = EventFactory.Epoch.AddMinutes(s.minute),
                Identities = s.ids,
                Profile = s.town is null ? null : new ProfileAttributes { City = s.town },
                Properties = new EventProperties
                {
                    Amount = s.type == EventType.Purchase || s.type == EventType.Refund ? s.amount : null,
                    TargetAuthor = s.target,
                    Referrer = s.referrer,
                },
            }).ToArray();

        var histories =
            from list in events
            from arrival in Gen.Shuffle(list)
            from cuts in Gen.ListOf(Gen.Choose(1, 5), arrival.Length)
            select new History(list, arrival, Cut(arrival, cuts));
        return Arb.From(histories);
    }

    private static List<IReadOnlyList<CustomerEvent>> Cut(CustomerEvent[] arrival, IEnumerable<int> sizes)
    {
        var batches = new List<IReadOnlyList<CustomerEvent>>();
        var at = 0;
        foreach (var size in sizes)
        {
            if (at >= arrival.Length)
            {
                break;
            }

            var n = Math.Min(size, arrival.Length - at);
            batches.Add(arrival[at..(at + n)]);
            at += n;
        }

        return batches;
    }
}
