using System.Globalization;

namespace Ecrm.SampleData;

/// <summary>
/// Generates a realistic, seeded multi-channel event stream: Chinese and English names, WeChat follows and messages,
/// Weibo comments, reposts and mentions with follower counts, web visits, shop orders with line items and refunds,
/// store visits with member cards, e-mail campaigns and surveys. The same seed always gives the same events.
/// </summary>
/// <remarks>
/// People show different identities on different channels and only some link them (a shop order shows the buyer id and
/// phone, a WeChat follow the openid and unionid, a Weibo comment only the Weibo uid), so identity resolution has real
/// work to do: some people stay prospects seen on one channel, some share a device, a few share a family phone while
/// holding different member cards (identity conflicts). About 2% of events arrive late and 1% are delivered twice.
/// </remarks>
public sealed class SampleDataGenerator
{
    /// <summary>The official account app id used for WeChat openids.</summary>
    public const string WeChatAppId = "wx5f3a9c1d2e4b6a70";

    /// <summary>The brand's own Weibo account, the target of most reposts and mentions.</summary>
    public static readonly Identity BrandWeibo = Identity.WeiboUid("5000000001");

    /// <summary>About how many events one generated person produces on average.</summary>
    public const double EventsPerPerson = 7.35;

    private readonly int _seed;
    private readonly DateTimeOffset _end;
    private readonly TimeSpan _span = TimeSpan.FromDays(365);
    private readonly bool _checkoutConsent;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed; the same seed gives the same events.</param>
    /// <param name="end">The latest event time; defaults to 2026-10-31T00:00:00Z.</param>
    /// <param name="checkoutConsent">
    /// Whether buyers tick the checkout's marketing opt-ins (and a few later reply TD): what campaigns need. Off by
    /// default, so the data set the benchmarks and tests were measured on stays the same.
    /// </param>
    public SampleDataGenerator(int seed = 20261123, DateTimeOffset? end = null, bool checkoutConsent = false)
    {
        _seed = seed;
        _end = end ?? new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);
        _checkoutConsent = checkoutConsent;
    }

    /// <summary>How many people to generate for about <paramref name="events"/> events.</summary>
    /// <param name="events">The wanted event count.</param>
    /// <returns>The person count.</returns>
    public static int PeopleForEvents(int events) => Math.Max(1, (int)Math.Round(events / EventsPerPerson));

    /// <summary>Generates the events of <paramref name="people"/> people, in delivery order.</summary>
    /// <param name="people">How many people.</param>
    /// <returns>The events, mostly in time order, with a few late and a few duplicate deliveries.</returns>
    public IReadOnlyList<CustomerEvent> Generate(int people)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(people);
        var random = new Random(_seed);
        var persons = new Person[people];
        for (var i = 0; i < people; i++)
        {
            persons[i] = CreatePerson(random, i);
        }

        var influencers = persons.Where(p => p.WeiboUid is not null).OrderByDescending(p => p.WeiboFollowers).Take(Math.Max(1, people / 200)).ToArray();
        var events = new List<(DateTimeOffset At, CustomerEvent Event)>((int)(people * EventsPerPerson * 1.1));
        var sequence = 0;
        foreach (var person in persons)
        {
            var family = random.NextDouble() < 0.004 ? persons[random.Next(people)] : null;
            EmitPerson(random, person, influencers, family, persons, events, ref sequence);
        }

        EmitIncident(persons, events);
        events.Sort((a, b) => a.At.CompareTo(b.At));
        var delivered = new List<CustomerEvent>(events.Count + (events.Count / 100));
        foreach (var (_, e) in events)
        {
            delivered.Add(e);
        }

        // Late deliveries: about 2% of events move forward in the stream by up to a few hundred positions.
        for (var i = delivered.Count - 1; i > 0; i--)
        {
            if (random.NextDouble() < 0.02)
            {
                var to = Math.Min(delivered.Count - 1, i + random.Next(1, 400));
                (delivered[i], delivered[to]) = (delivered[to], delivered[i]);
            }
        }

        // Retries: about 1% of events are delivered a second time, a little later.
        var withRetries = new List<CustomerEvent>(delivered.Count + (delivered.Count / 90));
        for (var i = 0; i < delivered.Count; i++)
        {
            withRetries.Add(delivered[i]);
            if (random.NextDouble() < 0.01 && i > 50)
            {
                withRetries.Add(delivered[i - random.Next(1, 50)]);
            }
        }

        return withRetries;
    }

    private static string Digits(Random random, int n)
    {
        Span<char> chars = stackalloc char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static string Token(Random random, int n)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        Span<char> chars = stackalloc char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A follow-up's time; it may fall after the end, and such follow-ups are not emitted (see Add).</summary>
    private static DateTimeOffset Later(DateTimeOffset at, TimeSpan delay) => at + delay;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private Person CreatePerson(Random random, int index)
    {
        var chinese = random.NextDouble() < 0.82;
        var gender = random.NextDouble() < 0.55 ? Gender.Female : Gender.Male;
        var name = chinese
            ? Pick(random, Vocabulary.ChineseSurnames) + Pick(random, Vocabulary.ChineseGivenNames)
            : $"{Pick(random, Vocabulary.EnglishGivenNames)} {Pick(random, Vocabulary.EnglishSurnames)}";
        var (city, region) = Pick(random, Vocabulary.Cities);
        var localPart = chinese ? $"u{index}{Digits(random, 3)}" : $"{name.Replace(' ', '.').ToLowerInvariant()}{index}";
        var hasWeChat = random.NextDouble() < 0.7;
        var hasWeibo = random.NextDouble() < 0.4;
        var followers = hasWeibo ? (long)Math.Min(5_000_000, Math.Pow(10, 1 + (random.NextDouble() * random.NextDouble() * 6))) : 0;
        return new Person
        {
            Index = index,
            Name = name,
            Gender = gender,
            BirthDate = new DateOnly(1960 + random.Next(46), 1 + random.Next(12), 1 + random.Next(28)),
            City = city,
            Region = region,
            Language = chinese ? "zh-CN" : "en",
            Phone = Identity.Phone(string.Create(CultureInfo.InvariantCulture, $"+861{3 + random.Next(7)}{index:D9}")),
            Email = random.NextDouble() < 0.5 ? Identity.Email($"{localPart}@{Pick(random, Vocabulary.EmailDomains)}") : null,
            OpenId = hasWeChat ? Identity.WeChatOpenId(WeChatAppId, "o" + Token(random, 27)) : null,
            UnionId = hasWeChat && random.NextDouble() < 0.6 ? Identity.WeChatUnionId("u" + Token(random, 27)) : null,
            WeiboUid = hasWeibo ? Identity.WeiboUid((6_000_000_000L + (index * 7919L)).ToString(CultureInfo.InvariantCulture)) : null,
            WeiboFollowers = followers,
            ShopBuyer = random.NextDouble() < 0.5 ? Identity.ShopBuyer("tb_" + Token(random, 10), random.NextDouble() < 0.7 ? "tmall" : "own-mall") : null,
            MemberCard = random.NextDouble() < 0.3 ? Identity.MemberCard(string.Create(CultureInfo.InvariantCulture, $"VIP{index:D8}")) : null,
            Device = random.NextDouble() < 0.6 ? Identity.Device("ck_" + Token(random, 16)) : null,
            Activity = 0.3 + (5.7 * Math.Pow(random.NextDouble(), 2.5)),
        };
    }

    /// <summary>
    /// A warehouse outage six days before the end: within ninety minutes, one Weibo user in a hundred (at least twenty)
    /// complains about shipping. Drawn from its own random stream, so the rest of the data set does not change with it.
    /// </summary>
    private void EmitIncident(Person[] persons, List<(DateTimeOffset, CustomerEvent)> events)
    {
        var random = new Random(_seed ^ 0x1AC1DE);
        var start = new DateTimeOffset(_end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-6).AddHours(2); // 10:00 in China
        var voices = persons.Where(p => p.WeiboUid is not null).ToArray();
        var count = Math.Max(20, persons.Length / 100);
        for (var i = 0; i < count && voices.Length > 0; i++)
        {
            var p = voices[random.Next(voices.Length)];
            var at = start + TimeSpan.FromSeconds(random.Next(0, 90 * 60));
            events.Add((at, new CustomerEvent
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"inc-{_seed:x}-{i:D6}"),
                Channel = EventChannel.Weibo,
                Type = EventType.Comment,
                OccurredAt = at,
                Identities = [p.WeiboUid!.Value],
                Profile = new ProfileAttributes { Name = p.Name, City = p.City },
                Properties = new EventProperties
                {
                    Text = Pick(random, Vocabulary.IncidentComments),
                    TargetAuthor = BrandWeibo,
                    TargetPostId = "4900000000009999",
                    FollowerCount = p.WeiboFollowers,
                },
            }));
        }
    }

    /// <summary>
    /// At the first order, the checkout's "send me offers" boxes: 45% tick SMS, 30% of those with an e-mail address tick
    /// e-mail; one SMS opt-in in twelve later replies TD. Drawn from a generator of its own, so the rest of the data set is
    /// the same as without it.
    /// </summary>
    private void EmitCheckoutConsent(Person p, DateTimeOffset? firstOrder, List<(DateTimeOffset, CustomerEvent)> events)
    {
        if (firstOrder is not { } order || order.AddSeconds(1) > _end)
        {
            return; // no order happened before the data set ends
        }

        var at = order.AddSeconds(1); // ticked at checkout, recorded just after the order

        var random = new Random(unchecked((_seed * 31) + p.Index));
        CustomerEvent Consent(string channel, EventType type, DateTimeOffset when, string suffix, string? text = null) => new()
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"checkout-{_seed:x}-{p.Index:D7}-{suffix}"),
            Channel = text is null ? EventChannel.Shop : EventChannel.Sms,
            Type = type,
            OccurredAt = when,
            Identities = [p.Phone],
            Properties = text is null
                ? new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channel, ["purpose"] = "marketing", ["source"] = "checkout" } }
                : new EventProperties { Text = text },
        };

        if (random.NextDouble() < 0.45)
        {
            events.Add((at, Consent("sms", new EventType("consent-given"), at, "sms")));
            var later = at.AddDays(1 + random.Next(60));
            if (random.NextDouble() < 1.0 / 12 && later <= _end)
            {
                events.Add((later, Consent("sms", EventType.Message, later, "sms-td", "TD")));
            }
        }

        if (p.Email is not null && random.NextDouble() < 0.3)
        {
            events.Add((at, Consent("email", new EventType("consent-given"), at, "email")));
        }
    }

    private void EmitPerson(Random random, Person p, Person[] influencers, Person? family, Person[] everyone, List<(DateTimeOffset, CustomerEvent)> events, ref int sequence)
    {
        var start = _end - (_span * random.NextDouble());
        var local = sequence;
        DateTimeOffset At()
        {
            var t = start + ((_end - start) * random.NextDouble());
            return new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }

        void Add(string prefix, EventChannel channel, EventType type, DateTimeOffset at, Identity[] ids, ProfileAttributes? profile = null, EventProperties? props = null)
        {
            if (at > _end)
            {
                local++; // has not happened yet at the end of the data set; the other events keep their ids
                return;
            }

            var e = new CustomerEvent
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{_seed:x}-{local++:D8}"),
                Channel = channel,
                Type = type,
                OccurredAt = at,
                Identities = ids,
                Profile = profile,
                Properties = props,
            };
            events.Add((at, e));
        }

        var profile = new ProfileAttributes { Name = p.Name, Gender = p.Gender, BirthDate = p.BirthDate, City = p.City, Region = p.Region, Language = p.Language };
        int Times(double mean) => (int)Math.Round(mean * p.Activity * (0.5 + random.NextDouble()));

        if (p.OpenId is { } openId)
        {
            var ids = p.UnionId is { } union ? new[] { openId, union } : [openId];
            var referrer = random.NextDouble() < 0.06 ? everyone[random.Next(everyone.Length)].Phone : (Identity?)null;
            Add("wx", EventChannel.WeChat, EventType.Follow, At(), ids, new ProfileAttributes { City = p.City, Language = p.Language, Gender = p.Gender },
                new EventProperties { SceneCode = Pick(random, ["qr-store-poster", "qr-package-insert", "qr-event-booth"]), Referrer = referrer });
            for (var i = Times(0.8); i > 0; i--)
            {
                var text = random.NextDouble() < 0.7 ? Pick(random, Vocabulary.PositiveComments) : Pick(random, Vocabulary.Requests);
                Add("wx", EventChannel.WeChat, EventType.Message, At(), [openId], props: new EventProperties { Text = text });
            }

            if (random.NextDouble() < 0.08)
            {
                Add("wx", EventChannel.WeChat, EventType.Unfollow, _end - TimeSpan.FromHours(random.Next(1, 2000)), [openId]);
            }
        }

        if (p.WeiboUid is { } uid)
        {
            for (var i = Times(1.2); i > 0; i--)
            {
                var roll = random.NextDouble();
                var target = roll < 0.7 ? BrandWeibo : Pick(random, influencers).WeiboUid!.Value;
                var type = roll < 0.45 ? EventType.Comment : roll < 0.85 ? EventType.Repost : EventType.Mention;
                var text = random.NextDouble() < 0.25 ? Pick(random, Vocabulary.NegativeComments) : random.NextDouble() < 0.15 ? Pick(random, Vocabulary.Requests) : Pick(random, Vocabulary.PositiveComments);
                Add("wb", EventChannel.Weibo, type, At(), [uid], new ProfileAttributes { Name = p.Name, City = p.City },
                    new EventProperties { Text = text, TargetAuthor = target, TargetPostId = (4_900_000_000_000_000L + random.Next(1, 5000)).ToString(CultureInfo.InvariantCulture), FollowerCount = p.WeiboFollowers });
            }

            if (random.NextDouble() < 0.1)
            {
                // Binds the Weibo account to the phone: the only link between this person's Weibo and the rest.
                Add("wb", EventChannel.Weibo, new EventType("account-bind"), At(), [uid, p.Phone]);
            }
        }

        if (p.Device is { } device)
        {
            for (var i = Times(1.5); i > 0; i--)
            {
                Add("web", EventChannel.Web, EventType.PageView, At(), [device], props: new EventProperties { Url = Pick(random, Vocabulary.Pages), CampaignCode = random.NextDouble() < 0.2 ? Pick(random, Vocabulary.Campaigns) : null });
            }

            if (random.NextDouble() < 0.4)
            {
                var login = p.Email is { } mail ? mail : p.Phone;
                Add("web", EventChannel.Web, new EventType("login"), At(), [device, login], profile);
            }
        }

        if (p.ShopBuyer is { } buyer)
        {
            DateTimeOffset? firstOrder = null;
            for (var i = Times(0.9); i > 0; i--)
            {
                var at = At();
                firstOrder = firstOrder is { } earlier && earlier < at ? earlier : at;
                var items = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, Vocabulary.Catalog))
                    .Select(c => new LineItem { Sku = c.Sku, Name = c.Name, Category = c.Category, Quantity = 1 + (random.NextDouble() < 0.15 ? 1 : 0), UnitPrice = c.Price }).ToArray();
                var amount = items.Sum(li => li.UnitPrice * li.Quantity);
                var orderId = "T" + Digits(random, 12);
                Identity[] ids = p.Email is { } mail && random.NextDouble() < 0.5 ? [buyer, p.Phone, mail] : [buyer, p.Phone];
                Add("shop", EventChannel.Shop, EventType.Purchase, at, ids, profile, new EventProperties { Amount = amount, Currency = "CNY", OrderId = orderId, LineItems = items, CampaignCode = random.NextDouble() < 0.25 ? Pick(random, Vocabulary.Campaigns) : null });
                if (random.NextDouble() < 0.05)
                {
                    Add("shop", EventChannel.Shop, EventType.Refund, Later(at, TimeSpan.FromDays(random.Next(1, 10))), [buyer], props: new EventProperties { Amount = items[0].UnitPrice, Currency = "CNY", OrderId = orderId, LineItems = [items[0]] });
                }

                if (random.NextDouble() < 0.3)
                {
                    var happy = random.NextDouble() < 0.75;
                    Add("shop", EventChannel.Shop, EventType.Review, Later(at, TimeSpan.FromHours(random.Next(24, 240))), [buyer],
                        props: new EventProperties { Rating = happy ? 4 + random.Next(2) : 1 + random.Next(2), Text = happy ? Pick(random, Vocabulary.PositiveComments) : Pick(random, Vocabulary.NegativeComments), OrderId = orderId });
                }
            }

            if (_checkoutConsent)
            {
                EmitCheckoutConsent(p, firstOrder, events);
            }
        }

        if (p.MemberCard is { } card)
        {
            // A family member who shares this person's phone but holds a different card: an identity conflict.
            var phone = family is not null && family.MemberCard is not null && random.NextDouble() < 0.5 ? family.Phone : p.Phone;
            for (var i = Times(0.8); i > 0; i--)
            {
                var store = Pick(random, Vocabulary.StoreIds);
                var at = At();
                Add("pos", EventChannel.Store, EventType.StoreVisit, at, [card, phone], profile, new EventProperties { StoreId = store });
                if (random.NextDouble() < 0.5)
                {
                    var item = Pick(random, Vocabulary.Catalog);
                    Add("pos", EventChannel.Store, EventType.Purchase, Later(at, TimeSpan.FromMinutes(random.Next(5, 60))), [card], props: new EventProperties
                    {
                        Amount = item.Price,
                        Currency = "CNY",
                        StoreId = store,
                        LineItems = [new LineItem { Sku = item.Sku, Name = item.Name, Category = item.Category, UnitPrice = item.Price }],
                    });
                }
            }
        }

        if (p.Email is { } email)
        {
            for (var i = Times(0.6); i > 0; i--)
            {
                var campaign = Pick(random, Vocabulary.Campaigns);
                var at = At();
                Add("edm", EventChannel.Email, EventType.CampaignDelivered, at, [email], props: new EventProperties { CampaignCode = campaign });
                if (random.NextDouble() < 0.3)
                {
                    Add("edm", EventChannel.Email, EventType.CampaignOpened, Later(at, TimeSpan.FromMinutes(random.Next(1, 600))), [email], props: new EventProperties { CampaignCode = campaign });
                }
            }

            if (random.NextDouble() < 0.05)
            {
                Add("srv", EventChannel.Survey, EventType.SurveyResponse, At(), [email], props: new EventProperties { Rating = random.Next(0, 6), Text = Pick(random, Vocabulary.Requests) });
            }
        }

        sequence = local;
    }
}
