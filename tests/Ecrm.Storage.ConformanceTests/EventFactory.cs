namespace Ecrm.Storage.ConformanceTests;

/// <summary>Terse construction of test events at minute offsets from 2026-01-01T00:00:00Z.</summary>
public static class EventFactory
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CustomerEvent Event(
        string id,
        int minute,
        EventType type,
        params Identity[] identities)
        => new()
        {
            Id = id,
            Channel = EventChannel.Web,
            Type = type,
            OccurredAt = Epoch.AddMinutes(minute),
            Identities = identities,
            Properties = type == EventType.Purchase || type == EventType.Refund ? new EventProperties { Amount = 100m } : null,
        };

    public static CustomerEvent With(this CustomerEvent e, ProfileAttributes? profile = null, EventProperties? properties = null, EventChannel? channel = null)
        => e with { Profile = profile ?? e.Profile, Properties = properties ?? e.Properties, Channel = channel ?? e.Channel };

    public static Identity Phone(int n) => Identity.Phone($"+86138000000{n:00}");

    public static Identity Email(int n) => Identity.Email($"user{n}@example.com");

    public static Identity Card(int n) => Identity.MemberCard($"M{n:0000}");

    public static Identity Device(int n) => Identity.Device($"dev-{n}");

    public static Identity Weibo(int n) => Identity.WeiboUid($"{1000 + n}");

    public static Identity OpenId(int n) => Identity.WeChatOpenId("wx0000000000000001", $"o{n}");
}
