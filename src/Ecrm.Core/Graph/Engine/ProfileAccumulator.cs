using System.Globalization;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The profile of a customer as a fold over its events. Every part is a commutative, associative combination
/// (latest-by-key traits, sums, min/max), so the profile is the same for any order of the same events, and merging two
/// accumulators equals folding the union of their events.
/// </summary>
internal sealed class ProfileAccumulator
{
    private static readonly List<TraitEntry> NoTraits = [];
    private List<TraitEntry> _traits = NoTraits;
    private readonly List<(EventType Type, long Count)> _counts = new(2);
    private readonly List<ChannelEntry> _channels = new(1);
    private List<MoneyEntry>? _money;

    public EventKey First { get; private set; } = new(long.MaxValue, string.Empty);

    public EventKey Last { get; private set; } = EventKey.MinValue;

    public EventKey LastPurchase { get; private set; } = EventKey.MinValue;

    public long Orders { get; private set; }

    public void Apply(StoredEvent se, string defaultCurrency)
    {
        var e = se.Event;
        var key = se.Key;
        if (key < First)
        {
            First = key;
        }

        if (key > Last)
        {
            Last = key;
        }

        Count(e.Type, 1);
        Channel(e.Channel, 1, key, key);
        if (e.Profile is { } p)
        {
            if (ReferenceEquals(_traits, NoTraits))
            {
                _traits = new List<TraitEntry>(CountAttributes(p) + 1);
            }

            if (p.Name is not null)
            {
                Trait("name", p.Name, e.Channel, key);
            }

            if (p.Gender is { } g)
            {
                Trait("gender", GenderName(g), e.Channel, key);
            }

            if (p.BirthDate is { } b)
            {
                Trait("birth-date", b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Channel, key);
            }

            if (p.City is not null)
            {
                Trait("city", p.City, e.Channel, key);
            }

            if (p.Region is not null)
            {
                Trait("region", p.Region, e.Channel, key);
            }

            if (p.Country is not null)
            {
                Trait("country", p.Country, e.Channel, key);
            }

            if (p.Language is not null)
            {
                Trait("language", p.Language, e.Channel, key);
            }

            if (p.Custom is not null)
            {
                foreach (var (name, value) in p.Custom)
                {
                    Trait(name, value, e.Channel, key);
                }
            }
        }

        if (e.Properties is { } props)
        {
            if (props.FollowerCount is { } followers)
            {
                Trait("follower-count." + e.Channel.Name, followers.ToString(CultureInfo.InvariantCulture), e.Channel, key);
            }

            if (props.Amount is { } amount && (e.Type == EventType.Purchase || e.Type == EventType.Refund))
            {
                var purchase = e.Type == EventType.Purchase;
                Money(props.Currency ?? defaultCurrency, purchase ? amount : 0, purchase ? 0 : amount);
                if (purchase && key > LastPurchase)
                {
                    LastPurchase = key;
                }
            }
        }

        if (e.Type == EventType.Purchase)
        {
            Orders++;
        }
    }

    public void Merge(ProfileAccumulator other)
    {
        if (other.First < First)
        {
            First = other.First;
        }

        if (other.Last > Last)
        {
            Last = other.Last;
        }

        if (other.LastPurchase > LastPurchase)
        {
            LastPurchase = other.LastPurchase;
        }

        Orders += other.Orders;
        foreach (var t in other._traits)
        {
            Trait(t.Name, t.Value, t.Channel, t.Key);
        }

        foreach (var (type, count) in other._counts)
        {
            Count(type, count);
        }

        foreach (var c in other._channels)
        {
            Channel(c.Channel, c.Count, c.First, c.Last);
        }

        if (other._money is not null)
        {
            foreach (var m in other._money)
            {
                Money(m.Currency, m.Purchased, m.Refunded);
            }
        }
    }

    public IReadOnlyDictionary<string, Trait> Traits()
    {
        var result = new Dictionary<string, Trait>(_traits.Count, StringComparer.Ordinal);
        foreach (var t in _traits)
        {
            result[t.Name] = new Trait(t.Name, t.Value, t.Channel, t.Key.Id, new DateTimeOffset(t.Key.Ticks, TimeSpan.Zero));
        }

        return result;
    }

    public bool TryGetTrait(string name, out string value)
    {
        foreach (var t in _traits)
        {
            if (t.Name == name)
            {
                value = t.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public IReadOnlyList<ChannelActivity> Channels()
    {
        var list = new ChannelActivity[_channels.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var c = _channels[i];
            list[i] = new ChannelActivity(c.Channel, c.Count, ToTime(c.First), ToTime(c.Last));
        }

        Array.Sort(list, static (a, b) => a.Channel.CompareTo(b.Channel));
        return list;
    }

    public CustomerCounters Counters()
    {
        var events = new Dictionary<string, long>(_counts.Count, StringComparer.Ordinal);
        foreach (var (type, count) in _counts)
        {
            events[type.Name] = count;
        }

        var money = _money is null ? [] : _money.Select(m => new MoneyTotal(m.Currency, m.Purchased, m.Refunded)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToArray();
        return new CustomerCounters
        {
            Events = events,
            Money = money,
            LastPurchaseAt = LastPurchase.Ticks == long.MinValue ? null : ToTime(LastPurchase),
        };
    }

    public static DateTimeOffset ToTime(EventKey key) => new(key.Ticks, TimeSpan.Zero);

    private static int CountAttributes(ProfileAttributes p)
        => (p.Name is null ? 0 : 1) + (p.Gender is null ? 0 : 1) + (p.BirthDate is null ? 0 : 1) + (p.City is null ? 0 : 1)
           + (p.Region is null ? 0 : 1) + (p.Country is null ? 0 : 1) + (p.Language is null ? 0 : 1) + (p.Custom?.Count ?? 0);

    private static string GenderName(Gender g) => g switch
    {
        Gender.Female => "female",
        Gender.Male => "male",
        Gender.Other => "other",
        _ => "unknown",
    };

    private void Trait(string name, string value, EventChannel channel, EventKey key)
    {
        for (var i = 0; i < _traits.Count; i++)
        {
            if (_traits[i].Name == name)
            {
                if (key > _traits[i].Key)
                {
                    _traits[i] = new TraitEntry(name, value, channel, key);
                }

                return;
            }
        }

        if (ReferenceEquals(_traits, NoTraits))
        {
            _traits = new List<TraitEntry>(2);
        }

        _traits.Add(new TraitEntry(name, value, channel, key));
    }

    private void Count(EventType type, long n)
    {
        for (var i = 0; i < _counts.Count; i++)
        {
            if (_counts[i].Type == type)
            {
                _counts[i] = (type, _counts[i].Count + n);
                return;
            }
        }

        _counts.Add((type, n));
    }

    private void Channel(EventChannel channel, long n, EventKey first, EventKey last)
    {
        for (var i = 0; i < _channels.Count; i++)
        {
            var c = _channels[i];
            if (c.Channel == channel)
            {
                _channels[i] = new ChannelEntry(channel, c.Count + n, first < c.First ? first : c.First, last > c.Last ? last : c.Last);
                return;
            }
        }

        _channels.Add(new ChannelEntry(channel, n, first, last));
    }

    private void Money(string currency, decimal purchased, decimal refunded)
    {
        _money ??= new List<MoneyEntry>(1);
        for (var i = 0; i < _money.Count; i++)
        {
            var m = _money[i];
            if (m.Currency == currency)
            {
                _money[i] = new MoneyEntry(currency, m.Purchased + purchased, m.Refunded + refunded);
                return;
            }
        }

        _money.Add(new MoneyEntry(currency, purchased, refunded));
    }

    private readonly record struct TraitEntry(string Name, string Value, EventChannel Channel, EventKey Key);

    private readonly record struct ChannelEntry(EventChannel Channel, long Count, EventKey First, EventKey Last);

    private readonly record struct MoneyEntry(string Currency, decimal Purchased, decimal Refunded);
}
