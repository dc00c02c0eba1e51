using Ecrm.Resolution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Resolution on the customer graph: fans and buyers with no shared id become one customer, with evidence.</summary>
public sealed class CustomerResolutionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "小明", "晓东"];
    private static readonly string[] Cities = ["上海", "北京", "广州", "深圳", "杭州", "成都", "重庆", "武汉"];
    private readonly ServiceProvider _provider;

    public CustomerResolutionTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddEcrm().AddIdentityResolution();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Graph = _provider.GetRequiredService<ICustomerGraph>();
        Resolution = _provider.GetRequiredService<ICustomerResolution>();
    }

    private ICustomerGraph Graph { get; }

    private ICustomerResolution Resolution { get; }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task StoreRun_MergesTheSamePersonAcrossChannels_WithEvidence_AndTheMergeCanBeUndone()
    {
        await Graph.IngestBatchAsync(Population(300, duplicates: 30));
        var summary = await Resolution.ResolveStoreAsync();
        Assert.True(summary.Merged >= 28, $"merged {summary.Merged} of 30 duplicates ({summary.CandidatePairs} candidates, {summary.Review} to review)");

        var shop = await Graph.ResolveAsync(Identity.Phone("+8613900000007"));
        var fan = await Graph.ResolveAsync(Identity.WeiboUid("7000000007"));
        Assert.Equal(shop, fan);

        var view = (await Graph.GetAsync(shop!))!;
        var merge = Assert.Single(view.Merges);
        var cause = (await _provider.GetRequiredService<Ecrm.Storage.CustomerStore>().GetEventAsync(merge.CauseEventId))!;
        Assert.Equal("identity-match", cause.Type.Name);
        Assert.Equal("exact (+", cause.Properties!.Custom!["birth-date"][..8]);
        Assert.StartsWith("Same person with probability", cause.Properties.Text, StringComparison.Ordinal);

        var undone = await Graph.UndoMergeAsync(merge.Id);
        Assert.NotEqual(await Graph.ResolveAsync(Identity.Phone("+8613900000007")), await Graph.ResolveAsync(Identity.WeiboUid("7000000007")));
        Assert.NotNull(undone.RestoredId);
    }

    [Fact]
    public async Task AfterTheStoreRun_ANewCustomerIsResolvedAsItArrives()
    {
        await Graph.IngestBatchAsync(Population(300, duplicates: 30));
        await Resolution.ResolveStoreAsync();

        // Person 100 had no Weibo account yet; now one appears with the same name, birth date and city.
        var person = Person(100);
        await Graph.IngestAsync(Fan(person, "late-fan", "7000009999"));
        Assert.Equal(await Graph.ResolveAsync(Identity.Phone(person.Phone)), await Graph.ResolveAsync(Identity.WeiboUid("7000009999")));
    }

    [Fact]
    public async Task DifferentPeople_WithSimilarNames_AreNotMerged()
    {
        await Graph.IngestBatchAsync(Population(300, duplicates: 30));
        await Resolution.ResolveStoreAsync();
        var stats = await Graph.GetStatisticsAsync();
        Assert.True(stats.Customers >= 300, $"{stats.Customers} customers for 300 people");
    }

    [Fact]
    public async Task UniquePerPersonKinds_StillWin_AConflictIsRecordedInsteadOfAMerge()
    {
        var events = Population(300, duplicates: 0);
        // Person 5 appears again with a different member card (unique per customer) and the same name, birth date, city.
        var p = Person(5);
        events.Add(new CustomerEvent
        {
            Id = "store-visit-5",
            Channel = EventChannel.Store,
            Type = EventType.StoreVisit,
            OccurredAt = Now.AddDays(-2),
            Identities = [Identity.MemberCard("VIP-B-5")],
            Profile = new ProfileAttributes { Name = p.Name, BirthDate = p.Birth, City = p.City },
        });
        events[5] = events[5] with { Identities = [.. events[5].Identities, Identity.MemberCard("VIP-A-5")] };
        await Graph.IngestBatchAsync(events);
        await Resolution.ResolveStoreAsync();

        Assert.NotEqual(await Graph.ResolveAsync(Identity.MemberCard("VIP-A-5")), await Graph.ResolveAsync(Identity.MemberCard("VIP-B-5")));
        Assert.Contains(await Graph.GetConflictsAsync(), c => c.Kind == IdentityKind.MemberCard);
    }

    [Fact]
    public async Task FewFields_AndNoDuplicates_MergeNobody()
    {
        // 2,000 different people known only by a (often shared) Chinese name and a city: nobody may be merged.
        var events = Enumerable.Range(0, 2_000).Select(i =>
        {
            var p = Person(i);
            return new CustomerEvent
            {
                Id = $"visit-{i}",
                Channel = EventChannel.Store,
                Type = EventType.StoreVisit,
                OccurredAt = Now.AddDays(-1),
                Identities = [Identity.MemberCard($"VIP-{i}")],
                Profile = new ProfileAttributes { Name = p.Name, City = p.City },
            };
        }).ToList();
        await Graph.IngestBatchAsync(events);
        var summary = await Resolution.ResolveStoreAsync();
        Assert.Equal(2_000, summary.Customers);
        Assert.Equal(0, summary.Merged);
        Assert.Equal(2_000, (await Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task Households_WithOneSurnameCityAndRegion_AreNotMerged_WhileTheirDuplicatesAre()
    {
        // 150 families of three: one surname, one city and region, siblings' names sharing a generation character
        // (王小明, 王小红), other birth dates. Every tenth person also shows up as a Weibo fan with the same name,
        // birth date, city and region.
        var events = new List<CustomerEvent>();
        var random = new Random(11);
        var person = 0;
        for (var family = 0; family < 150; family++)
        {
            var surname = Surnames[family % Surnames.Length];
            var generation = Given[random.Next(Given.Length)];
            var city = Cities[random.Next(Cities.Length)];
            var given = new HashSet<string>(StringComparer.Ordinal);
            for (var member = 0; member < 3; member++, person++)
            {
                string name;
                do
                {
                    name = surname + generation + Given[random.Next(Given.Length)];
                }
                while (!given.Add(name));
                var p = new PersonData(name, new DateOnly(1950 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)), city, $"+86139{person:00000000}");
                var buy = Purchase(p, $"buy-{person}");
                events.Add(buy with { Profile = buy.Profile! with { Region = "华东" } });
                if (person % 10 == 0)
                {
                    var fan = Fan(p, $"fan-{person}", $"71000{person:00000}");
                    events.Add(fan with { Profile = fan.Profile! with { Region = "华东" } });
                }
            }
        }

        await Graph.IngestBatchAsync(events);
        var summary = await Resolution.ResolveStoreAsync();
        Assert.Equal(45, summary.Merged);
        for (var p = 0; p < 450; p += 10)
        {
            Assert.Equal(await Graph.ResolveAsync(Identity.Phone($"+86139{p:00000000}")), await Graph.ResolveAsync(Identity.WeiboUid($"71000{p:00000}")));
        }

        Assert.Equal(450, (await Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task RejectedReviews_StayRejected_AndApprovedOnesMerge()
    {
        // Two fans who give only their name and city: not enough for an automatic merge, enough for review.
        var events = Population(300, duplicates: 0);
        foreach (var (i, uid) in new[] { (7, "7100000007"), (8, "7100000008") })
        {
            var fan = Fan(Person(i), $"fan-near-{i}", uid);
            events.Add(fan with { Profile = fan.Profile! with { BirthDate = null } });
        }

        await Graph.IngestBatchAsync(events);
        await Resolution.ResolveStoreAsync();
        var queue = await Resolution.GetReviewQueueAsync();
        var first = queue.Single(r => r.Decision.Evidence.Any(e => e.Field == "name") && IsAbout(r, 7));
        var second = queue.Single(r => IsAbout(r, 8));
        Assert.True(await Resolution.RejectAsync(first.Id));
        Assert.True(await Resolution.ApproveAsync(second.Id));
        Assert.False(await Resolution.RejectAsync(first.Id)); // already gone
        await Resolution.ResolveStoreAsync();
        Assert.DoesNotContain(await Resolution.GetReviewQueueAsync(), r => r.Id == first.Id);
        Assert.NotEqual(await Graph.ResolveAsync(Identity.Phone(Person(7).Phone)), await Graph.ResolveAsync(Identity.WeiboUid("7100000007")));
        Assert.Equal(await Graph.ResolveAsync(Identity.Phone(Person(8).Phone)), await Graph.ResolveAsync(Identity.WeiboUid("7100000008")));

        bool IsAbout(ReviewItem r, int i) => r.Decision.Evidence.Single(e => e.Field == "name").Left == Person(i).Name;
    }

    [Fact]
    public async Task ErasingACustomer_RemovesTheReviewsThatCarryTheirValues()
    {
        // A fan who gives only a name and a city waits for review against the buyer with that name.
        var events = Population(300, duplicates: 0);
        var fan = Fan(Person(9), "fan-9", "7100000009");
        events.Add(fan with { Profile = fan.Profile! with { BirthDate = null } });
        await Graph.IngestBatchAsync(events);
        await Resolution.ResolveStoreAsync();
        var name = Person(9).Name;
        Assert.Contains(await Resolution.GetReviewQueueAsync(), r => r.Decision.Evidence.Any(e => e.Left == name || e.Right == name));

        var fanId = (await Graph.ResolveAsync(Identity.WeiboUid("7100000009")))!;
        await ((Ecrm.Privacy.ICustomerPrivacy)Graph).EraseAsync(fanId, "dpo@example.com", "request");
        Assert.DoesNotContain(await Resolution.GetReviewQueueAsync(), r => r.Decision.LeftId == fanId || r.Decision.RightId == fanId);
    }

    private sealed record PersonData(string Name, DateOnly Birth, string City, string Phone);

    private static PersonData Person(int i)
    {
        var random = new Random(i * 7919);
        return new PersonData(
            Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + Given[random.Next(Given.Length)],
            new DateOnly(1960 + random.Next(45), 1 + random.Next(12), 1 + random.Next(28)),
            Cities[random.Next(Cities.Length)],
            $"+86139{i:00000000}");
    }

    private static CustomerEvent Fan(PersonData p, string id, string uid) => new()
    {
        Id = id,
        Channel = EventChannel.Weibo,
        Type = EventType.Comment,
        OccurredAt = Now.AddDays(-3),
        Identities = [Identity.WeiboUid(uid)],
        Profile = new ProfileAttributes { Name = p.Name, BirthDate = p.Birth, City = p.City },
        Properties = new EventProperties { Text = "好用" },
    };

    private static CustomerEvent Purchase(PersonData p, string id) => new()
    {
        Id = id,
        Channel = EventChannel.Shop,
        Type = EventType.Purchase,
        OccurredAt = Now.AddDays(-10),
        Identities = [Identity.Phone(p.Phone)],
        Profile = new ProfileAttributes { Name = p.Name, BirthDate = p.Birth, City = p.City },
        Properties = new EventProperties { Amount = 100 },
    };

    private static List<CustomerEvent> Population(int people, int duplicates)
    {
        var events = new List<CustomerEvent>();
        for (var i = 0; i < people; i++)
        {
            var p = Person(i);
            events.Add(Purchase(p, $"buy-{i}"));
            if (i < duplicates)
            {
                events.Add(Fan(p, $"fan-{i}", $"70000000{i:00}"));
            }
        }

        return events;
    }
}
