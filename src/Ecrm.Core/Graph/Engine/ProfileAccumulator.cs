using System.Collections.Concurrent;
using System.Globalization;

namespace Ecrm.Graph.Engine;

/// <summary>
/// The profile of a customer as a fold over its events. Every part is a commutative, associative combination
/// (latest-by-key traits, sums, min/max), so the profile is the same for any order of the same events: a customer
/// folds its events lazily, in whatever order they were appended (see <see cref="CustomerState.Profile"/>).
/// </summary>
/// <remarks>
/// A mutable struct held in a field of <see cref="CustomerState"/>, with plain arrays rather than lists: a returning
/// customer's profile is then reached without chasing one object per part (the ingestion hot path is bound by memory
/// latency, not arithmetic). Always used in place; never copied and then mutated.
/// </remarks>
internal struct ProfileAccumulator
{
    private const int MaxCachedChannels = 256;
    private static readonly ConcurrentDictionary<EventChannel, string> FollowerCountNames = new();
    private TraitEntry[]? _traits;
    private int _traitCount;
    private CountEntry[]? _counts;
    private int _countCount;
    private ChannelEntry[]? _channels;
    private int _channelCount;
    private MoneyEntry[]? _money;
    private int _moneyCount;

    public ProfileAccumulator()
    {
        First = new EventKey(long.MaxValue, string.Empty);
        Last = EventKey.MinValue;
        LastPurchase = EventKey.MinValue;
    }

    public EventKey First { get; private set; }

    public EventKey Last { get; private set; }

    public EventKey LastPurchase { get; private set; }

    public long Orders { get; private set; }

    public void Apply(CustomerEvent e, EventKey key, string defaultCurrency)
    {
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
            _traits ??= new TraitEntry[CountAttributes(p) + 1];

            if (p.Name is not null)
            {
                Trait("name", TraitValue.Text(p.Name), e.Channel, key);
            }

            if (p.Gender is { } g)
            {
                Trait("gender", TraitValue.Text(GenderName(g)), e.Channel, key);
            }

            if (p.BirthDate is { } b)
            {
                Trait("birth-date", TraitValue.Date(b), e.Channel, key);
            }

            if (p.City is not null)
            {
                Trait("city", TraitValue.Text(p.City), e.Channel, key);
            }

            if (p.Region is not null)
            {
                Trait("region", TraitValue.Text(p.Region), e.Channel, key);
            }

            if (p.Country is not null)
            {
                Trait("country", TraitValue.Text(p.Country), e.Channel, key);
            }

            if (p.Language is not null)
            {
                Trait("language", TraitValue.Text(p.Language), e.Channel, key);
            }

            if (p.Custom is not null)
            {
                foreach (var (name, value) in p.Custom)
                {
                    Trait(name, TraitValue.Text(value), e.Channel, key);
                }
            }
        }

        if (e.Properties is { } props)
        {
            if (props.FollowerCount is { } followers)
            {
                Trait(FollowerCountTrait(e.Channel), TraitValue.Integer(followers), e.Channel, key);
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

    public readonly IReadOnlyDictionary<string, Trait> Traits()
    {
        // In name order, so that a profile reads the same whatever order its events were folded in.
        var traits = _traits.AsSpan(0, _traitCount).ToArray();
        Array.Sort(traits, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var result = new Dictionary<string, Trait>(_traitCount, StringComparer.Ordinal);
        foreach (var t in traits)
        {
            result[t.Name] = new Trait(t.Name, t.Value.ToString(), t.Channel, t.Key.Id, new DateTimeOffset(t.Key.Ticks, TimeSpan.Zero));
        }

        return result;
    }

    public readonly IReadOnlyList<ChannelActivity> Channels()
    {
        var list = new ChannelActivity[_channelCount];
        for (var i = 0; i < list.Length; i++)
        {
            var c = _channels![i];
            list[i] = new ChannelActivity(c.Channel, c.Count, ToTime(c.First), ToTime(c.Last));
        }

        Array.Sort(list, static (a, b) => a.Channel.CompareTo(b.Channel));
        return list;
    }

    public readonly CustomerCounters Counters()
    {
        var counts = _counts.AsSpan(0, _countCount).ToArray();
        Array.Sort(counts, static (a, b) => string.CompareOrdinal(a.Type.Name, b.Type.Name)); // in name order, like the traits
        var events = new Dictionary<string, long>(_countCount, StringComparer.Ordinal);
        foreach (var c in counts)
        {
            events[c.Type.Name] = c.Count;
        }

        var money = _money.AsSpan(0, _moneyCount).ToArray().Select(m => new MoneyTotal(m.Currency, m.Purchased, m.Refunded)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToArray();
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

    /// <summary>Appends to a small array, growing it by doubling.</summary>
    private static void Append<T>(ref T[]? items, ref int count, T item, int initial)
    {
        if (items is null)
        {
            items = new T[initial];
        }
        else if (count == items.Length)
        {
            Array.Resize(ref items, count * 2);
        }

        items[count++] = item;
    }

    /// <summary>
    /// The trait name of a channel's follower count ("follower-count.weibo"), built once per channel rather than per
    /// event (channels are open tokens, so the cache is bounded; past the bound the name is built each time).
    /// </summary>
    private static string FollowerCountTrait(EventChannel channel)
    {
        if (FollowerCountNames.TryGetValue(channel, out var name))
        {
            return name;
        }

        name = "follower-count." + channel.Name;
        if (FollowerCountNames.Count < MaxCachedChannels)
        {
            FollowerCountNames.TryAdd(channel, name);
        }

        return name;
    }

    private void Trait(string name, TraitValue value, EventChannel channel, EventKey key)
    {
        for (var i = 0; i < _traitCount; i++)
        {
            ref var t = ref _traits![i];
            if (ReferenceEquals(t.Name, name) || t.Name == name)
            {
                if (key > t.Key)
                {
                    t = new TraitEntry(name, value, channel, key);
                }

                return;
            }
        }

        Append(ref _traits, ref _traitCount, new TraitEntry(name, value, channel, key), 2);
    }

    private void Count(EventType type, long n)
    {
        for (var i = 0; i < _countCount; i++)
        {
            ref var c = ref _counts![i];
            if (c.Type == type)
            {
                c = new CountEntry(type, c.Count + n);
                return;
            }
        }

        Append(ref _counts, ref _countCount, new CountEntry(type, n), 2);
    }

    private void Channel(EventChannel channel, long n, EventKey first, EventKey last)
    {
        for (var i = 0; i < _channelCount; i++)
        {
            ref var c = ref _channels![i];
            if (c.Channel == channel)
            {
                c = new ChannelEntry(channel, c.Count + n, first < c.First ? first : c.First, last > c.Last ? last : c.Last);
                return;
            }
        }

        Append(ref _channels, ref _channelCount, new ChannelEntry(channel, n, first, last), 1);
    }

    private void Money(string currency, decimal purchased, decimal refunded)
    {
        for (var i = 0; i < _moneyCount; i++)
        {
            ref var m = ref _money![i];
            if (m.Currency == currency)
            {
                m = new MoneyEntry(currency, m.Purchased + purchased, m.Refunded + refunded);
                return;
            }
        }

        Append(ref _money, ref _moneyCount, new MoneyEntry(currency, purchased, refunded), 1);
    }

    private readonly record struct CountEntry(EventType Type, long Count);

    private readonly record struct TraitEntry(string Name, TraitValue Value, EventChannel Channel, EventKey Key);

    /// <summary>A trait value kept as seen and formatted only when read: the hot path allocates no strings for it.</summary>
    private readonly struct TraitValue
    {
        private readonly string? _text;
        private readonly long _number;
        private readonly bool _isDate;

        private TraitValue(string? text, long number, bool isDate)
        {
            _text = text;
            _number = number;
            _isDate = isDate;
        }

        public static TraitValue Text(string text) => new(text, 0, false);

        public static TraitValue Integer(long value) => new(null, value, false);

        public static TraitValue Date(DateOnly value) => new(null, value.DayNumber, true);

        public override string ToString()
            => _text ?? (_isDate
                ? DateOnly.FromDayNumber((int)_number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : _number.ToString(CultureInfo.InvariantCulture));
    }

    private readonly record struct ChannelEntry(EventChannel Channel, long Count, EventKey First, EventKey Last);

    private readonly record struct MoneyEntry(string Currency, decimal Purchased, decimal Refunded);
}
