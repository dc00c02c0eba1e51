using Xunit;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>
/// The behaviour every <see cref="CustomerStore"/> must show, tested through the public <see cref="ICustomerGraph"/>.
/// A provider's test project derives from this class and implements <see cref="CreateStore"/>; it must pass unchanged.
/// </summary>
public abstract partial class CustomerStoreConformanceTests
{
    /// <summary>Creates a new, empty store for one test.</summary>
    protected abstract CustomerStore CreateStore(EcrmOptions options);

    protected GraphHarness NewGraph(Action<EcrmOptions>? configure = null) => new(CreateStore, configure);

    [Fact]
    public async Task Ingest_NewEvent_CreatesCustomerFoundByEachIdentity()
    {
        await using var h = NewGraph();
        var result = await h.Graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1), Email(1)));

        Assert.Equal(IngestStatus.Accepted, result.Status);
        Assert.StartsWith("cus_", result.CustomerId, StringComparison.Ordinal);
        Assert.Equal(result.CustomerId, await h.Graph.ResolveAsync(Phone(1)));
        Assert.Equal(result.CustomerId, await h.Graph.ResolveAsync(Identity.Email("USER1@Example.com ")));
        var c = await h.Graph.GetAsync(result.CustomerId!);
        Assert.NotNull(c);
        Assert.Equal(2, c.Profile.Identities.Count);
        Assert.True(c.Profile.IsProspect);
    }

    [Fact]
    public async Task IngestBatch_EventsOfCustomersMergedLaterInTheBatch_ReportTheSurvivor()
    {
        await using var h = NewGraph();

        // Given out of order: applied as e1 (phone), e2 (email), then e3 joining them (e1's customer is older and survives).
        var batch = await h.Graph.IngestBatchAsync(
        [
            Event("e3", 2, EventType.Follow, Phone(1), Email(1)),
            Event("e1", 0, EventType.Follow, Phone(1)),
            Event("e2", 1, EventType.Follow, Email(1)),
        ]);

        var survivor = await h.Graph.ResolveAsync(Phone(1));
        Assert.All(batch.Results, r => Assert.Equal(survivor, r.CustomerId));
        Assert.Equal(survivor, await h.Store.ResolveIdAsync(survivor!));

        // A late event rebuilds the component; a replay in the same batch reports the customer it belongs to now.
        var late = await h.Graph.IngestBatchAsync(
        [
            Event("e0", -1, EventType.Follow, Email(1), Phone(2)),
            Event("e2", 1, EventType.Follow, Email(1)),
        ]);

        var now = await h.Graph.ResolveAsync(Email(1));
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Duplicate], late.Results.Select(r => r.Status));
        Assert.All(late.Results, r => Assert.Equal(now, r.CustomerId));
        Assert.Equal(now, await h.Store.ResolveIdAsync(now!));
    }

    [Fact]
    public async Task Ingest_Replay_IsDuplicateAndChangesNothing()
    {
        await using var h = NewGraph();
        var e = Event("e1", 0, EventType.Purchase, Phone(1));
        var first = await h.Graph.IngestAsync(e);
        var before = await GraphSnapshot.CaptureAsync(h);

        var again = await h.Graph.IngestAsync(Event("e1", 0, EventType.Purchase, Phone(1)));

        Assert.Equal(IngestStatus.Duplicate, again.Status);
        Assert.Equal(first.CustomerId, again.CustomerId);
        Assert.Equal(before, await GraphSnapshot.CaptureAsync(h));
    }

    [Fact]
    public async Task Ingest_SameIdWithDifferentContent_IsRejectedAndStoredEventKept()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("e1", 0, EventType.Purchase, Phone(1)));
        var before = await GraphSnapshot.CaptureAsync(h);

        var ex = await Assert.ThrowsAsync<DuplicateEventConflictException>(async () => await h.Graph.IngestAsync(Event("e1", 5, EventType.Refund, Phone(2))));

        Assert.Equal("e1", ex.EventId);
        Assert.Equal(before, await GraphSnapshot.CaptureAsync(h));
        Assert.Equal(EventType.Purchase, (await h.Store.GetEventAsync("e1"))!.Type);
    }

    [Fact]
    public async Task Ingest_SharedStrongIdentity_MergesIntoOlderCustomerAndOldIdResolves()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
        var b = await h.Graph.IngestAsync(Event("b", 1, EventType.Comment, Email(1)));
        Assert.NotEqual(a.CustomerId, b.CustomerId);

        var link = await h.Graph.IngestAsync(Event("link", 2, EventType.Purchase, Email(1), Phone(1)));

        Assert.Equal(a.CustomerId, link.CustomerId);
        Assert.Equal(a.CustomerId, await h.Store.ResolveIdAsync(b.CustomerId!));
        var c = await h.Graph.GetAsync(b.CustomerId!);
        Assert.NotNull(c);
        Assert.Equal(a.CustomerId, c.Profile.Id);
        Assert.Contains(b.CustomerId!, c.Profile.MergedIds);
        var merge = Assert.Single(c.Merges);
        Assert.Equal((a.CustomerId, b.CustomerId, "link"), (merge.SurvivorId, merge.MergedId, merge.CauseEventId));
        Assert.Equal(3, c.Profile.Counters.Events.Values.Sum());
        Assert.Equal(1, (await h.Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task AnIdGivenOutBeforeALateEvent_KeepsNamingTheCustomer_ThroughLaterRebuilds()
    {
        await using var h = NewGraph();
        var first = await h.Graph.IngestAsync(Event("b", 10, EventType.Follow, Phone(1), Email(1)));
        var refounded = await h.Graph.IngestAsync(Event("a", 5, EventType.Comment, Email(1))); // late: the customer is founded by "a" now
        Assert.NotEqual(first.CustomerId, refounded.CustomerId);

        // Another late event rebuilds the component again; the customer keeps its id, and the id given out first
        // still names it and is still listed among its merged ids.
        var again = await h.Graph.IngestAsync(Event("c", 7, EventType.Purchase, Phone(1)));
        Assert.Equal(refounded.CustomerId, again.CustomerId);
        Assert.Equal(refounded.CustomerId, await h.Store.ResolveIdAsync(first.CustomerId!));
        var profile = (await h.Graph.GetAsync(first.CustomerId!))!.Profile;
        Assert.Equal(refounded.CustomerId, profile.Id);
        Assert.Contains(first.CustomerId!, profile.MergedIds);
    }

    [Fact]
    public async Task IngestBatch_MergeLaterInTheBatch_EveryResultNamesTheSurvivor()
    {
        await using var h = NewGraph();
        var result = await h.Graph.IngestBatchAsync(
        [
            Event("a", 0, EventType.Follow, Phone(1)),
            Event("b", 1, EventType.Follow, Email(1)),
            Event("link", 2, EventType.Purchase, Phone(1), Email(1)),
        ]);

        var survivor = await h.Graph.ResolveAsync(Phone(1));
        Assert.All(result.Results, r => Assert.Equal(survivor, r.CustomerId));
    }

    [Fact]
    public async Task Ingest_WeakIdentity_AttachesButNeverMerges()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.PageView, Phone(1), Device(1)));
        var b = await h.Graph.IngestAsync(Event("b", 1, EventType.PageView, Phone(2), Device(1)));
        var anon = await h.Graph.IngestAsync(Event("c", 2, EventType.PageView, Device(1)));

        Assert.NotEqual(a.CustomerId, b.CustomerId);
        Assert.Equal(a.CustomerId, anon.CustomerId);
        Assert.Equal(2, (await h.Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task Ingest_TwoValuesOfUniqueKind_RecordsConflictAndKeepsCustomersApart()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.StoreVisit, Card(1), Phone(1)));
        var b = await h.Graph.IngestAsync(Event("b", 1, EventType.StoreVisit, Card(2), Phone(2)));

        var link = await h.Graph.IngestAsync(Event("link", 2, EventType.Purchase, Phone(1), Phone(2)));

        Assert.NotEqual(await h.Graph.ResolveAsync(Card(1)), await h.Graph.ResolveAsync(Card(2)));
        var conflict = Assert.Single(await h.Graph.GetConflictsAsync());
        Assert.Equal(IdentityKind.MemberCard, conflict.Kind);
        Assert.Equal("link", conflict.CauseEventId);
        Assert.Equal(new[] { "M0001", "M0002" }, new[] { conflict.ExistingValue, conflict.IncomingValue }.Order(StringComparer.Ordinal));
        Assert.Contains(link.CustomerId, new[] { a.CustomerId, b.CustomerId });
        var c = await h.Graph.GetAsync(a.CustomerId!);
        Assert.Single(c!.Conflicts);
    }

    [Fact]
    public async Task Ingest_EventWithTwoValuesOfUniqueKind_SplitsThemWithConflict()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("a", 0, EventType.StoreVisit, Card(1), Card(2), Phone(1)));

        Assert.NotEqual(await h.Graph.ResolveAsync(Card(1)), await h.Graph.ResolveAsync(Card(2)));
        Assert.Single(await h.Graph.GetConflictsAsync());
        Assert.Equal(2, (await h.Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task UndoMerge_SplitsCustomersAndLaterEventsDoNotRejoinThem()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
        var b = await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Email(1)));
        await h.Graph.IngestAsync(Event("link", 2, EventType.Comment, Phone(1), Email(1)));
        var merge = Assert.Single((await h.Graph.GetAsync(a.CustomerId!))!.Merges);

        var undo = await h.Graph.UndoMergeAsync(merge.Id);

        Assert.Equal(a.CustomerId, undo.SurvivorId);
        Assert.Equal(b.CustomerId, undo.RestoredId);
        Assert.Equal(b.CustomerId, await h.Graph.ResolveAsync(Email(1)));
        Assert.Contains(b.CustomerId!, undo.Changes.Changed);
        await h.Graph.IngestAsync(Event("link2", 3, EventType.Comment, Email(1), Phone(1)));
        Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Email(1)));
        Assert.Equal(2, (await h.Graph.GetStatisticsAsync()).Customers);
        var total = 0L;
        await foreach (var p in h.Store.ScanCustomersAsync())
        {
            total += p.Counters.Events.Values.Sum();
        }

        Assert.Equal(4, total);
    }

    [Fact]
    public async Task UndoMerge_UnknownId_ThrowsMergeNotFound()
    {
        await using var h = NewGraph();
        var ex = await Assert.ThrowsAsync<MergeNotFoundException>(async () => await h.Graph.UndoMergeAsync("mrg_nope"));
        Assert.Equal("mrg_nope", ex.MergeId);
    }

    [Fact]
    public async Task Ingest_OutOfOrderArrival_GivesTheSameGraphAsInOrder()
    {
        CustomerEvent[] events =
        [
            Event("e1", 0, EventType.Follow, Card(1), Phone(1)),
            Event("e2", 1, EventType.Follow, Card(2), Email(1)),
            Event("e3", 2, EventType.Purchase, Phone(1), Email(1)),
            Event("e4", 3, EventType.Comment, Email(1), Phone(2), Device(1)),
            Event("e5", 4, EventType.PageView, Device(1)),
        ];
        await using var inOrder = NewGraph();
        foreach (var e in events)
        {
            await inOrder.Graph.IngestAsync(e);
        }

        await using var reversed = NewGraph();
        foreach (var e in events.Reverse())
        {
            await reversed.Graph.IngestAsync(e);
        }

        Assert.Equal(await GraphSnapshot.CaptureAsync(inOrder), await GraphSnapshot.CaptureAsync(reversed));
    }

    [Fact]
    public async Task Traits_LatestEventWins_TiesBrokenByLargerEventId()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("b", 5, EventType.Follow, Phone(1)).With(new ProfileAttributes { City = "北京", Name = "李伟" }));
        await h.Graph.IngestAsync(Event("a", 9, EventType.Follow, Phone(1)).With(new ProfileAttributes { City = "上海" }));
        await h.Graph.IngestAsync(Event("c", 9, EventType.Follow, Phone(1)).With(new ProfileAttributes { City = "广州" }));
        await h.Graph.IngestAsync(Event("d", 1, EventType.Follow, Phone(1)).With(new ProfileAttributes { City = "深圳", Name = "Li Wei" }));

        var c = (await h.Graph.FindAsync(Phone(1)))!;
        Assert.Equal("广州", c.Profile.Traits["city"].Value);
        Assert.Equal("c", c.Profile.Traits["city"].EventId);
        Assert.Equal("李伟", c.Profile.Traits["name"].Value);
        Assert.Equal(Epoch.AddMinutes(1), c.Profile.FirstSeenAt);
        Assert.Equal(Epoch.AddMinutes(9), c.Profile.LastSeenAt);
    }

    [Fact]
    public async Task Counters_SumOrdersSpendAndRefundsPerCurrency()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("p1", 0, EventType.Purchase, Phone(1)).With(properties: new EventProperties { Amount = 199.5m }));
        await h.Graph.IngestAsync(Event("p2", 1, EventType.Purchase, Phone(1)).With(properties: new EventProperties { Amount = 20m, Currency = "USD" }));
        await h.Graph.IngestAsync(Event("r1", 2, EventType.Refund, Phone(1)).With(properties: new EventProperties { Amount = 50m }));
        await h.Graph.IngestAsync(Event("c1", 3, EventType.Comment, Phone(1)));

        var counters = (await h.Graph.FindAsync(Phone(1)))!.Profile.Counters;
        Assert.Equal(2, counters.Orders);
        Assert.Equal(1, counters.Count(EventType.Comment));
        Assert.Equal(new MoneyTotal("CNY", 199.5m, 50m), counters.Money[0]);
        Assert.Equal(new MoneyTotal("USD", 20m, 0m), counters.Money[1]);
        Assert.Equal(Epoch.AddMinutes(1), counters.LastPurchaseAt);
    }

    [Fact]
    public async Task Timeline_IsPagedNewestFirst()
    {
        await using var h = NewGraph();
        for (var i = 0; i < 25; i++)
        {
            await h.Graph.IngestAsync(Event($"e{i:00}", i % 2 == 0 ? i : 30 - i, EventType.PageView, Phone(1)));
        }

        var id = (await h.Graph.ResolveAsync(Phone(1)))!;
        var seen = new List<DateTimeOffset>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await h.Graph.GetTimelineAsync(id, new TimelineQuery { Limit = 10, Cursor = cursor });
            seen.AddRange(page.Events.Select(e => e.OccurredAt));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(seen.OrderByDescending(t => t), seen);
        Assert.Equal(20, (await h.Graph.GetAsync(id))!.Timeline.Events.Count);
    }

    [Fact]
    public async Task Timeline_OfACustomerWithoutEvents_WhoAbsorbsAMergedHistory_IsNewestFirst()
    {
        await using var h = NewGraph();
        // Weibo(9) becomes a customer by being reposted (no event of its own), so it is older than anyone below.
        await h.Graph.IngestAsync(Event("rp", 1, EventType.Repost, Weibo(2)).With(properties: new EventProperties { TargetAuthor = Weibo(9) }));
        await h.Graph.IngestAsync(Event("b1", 2, EventType.PageView, Phone(1)));
        await h.Graph.IngestAsync(Event("c1", 3, EventType.PageView, Email(1)));
        await h.Graph.IngestAsync(Event("b2", 4, EventType.PageView, Phone(1)));
        await h.Graph.IngestAsync(Event("bc", 5, EventType.PageView, Phone(1), Email(1))); // the email's customer joins: its minute-3 event follows minute 4
        await h.Graph.IngestAsync(Event("ab", 6, EventType.PageView, Weibo(9), Phone(1))); // the reposted account's customer survives and takes it all

        var id = (await h.Graph.ResolveAsync(Phone(1)))!;
        Assert.Equal(id, await h.Graph.ResolveAsync(Weibo(9)));
        var timeline = (await h.Graph.GetTimelineAsync(id, new TimelineQuery { Limit = 10 })).Events.Select(e => e.Id);
        Assert.Equal(["ab", "bc", "b2", "c1", "b1"], timeline);
    }

    [Fact]
    public async Task Relations_RepostAndReferral_AreSeenFromBothSides()
    {
        await using var h = NewGraph();
        var author = await h.Graph.IngestAsync(Event("post", 0, EventType.Message, Weibo(1)));
        var fan = await h.Graph.IngestAsync(Event("rp", 1, EventType.Repost, Weibo(2)).With(properties: new EventProperties { TargetAuthor = Weibo(1), TargetPostId = "4890001" }));
        await h.Graph.IngestAsync(Event("inv", 2, EventType.Follow, Phone(1)).With(properties: new EventProperties { Referrer = Weibo(2) }));

        var fanView = (await h.Graph.GetAsync(fan.CustomerId!))!;
        Assert.Contains(fanView.Related, r => r.OtherCustomerId == author.CustomerId && r.Kind == RelationKind.Reposted && r.Direction == RelationDirection.Outbound);
        Assert.Contains(fanView.Related, r => r.Kind == RelationKind.ReferredBy && r.Direction == RelationDirection.Inbound);
        var authorView = (await h.Graph.GetAsync(author.CustomerId!))!;
        Assert.Contains(authorView.Related, r => r.OtherCustomerId == fan.CustomerId && r.Direction == RelationDirection.Inbound);
    }

    [Fact]
    public async Task Relations_UnknownTargetAuthor_BecomesAProspect()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("m", 0, EventType.Mention, Weibo(1)).With(properties: new EventProperties { TargetAuthor = Weibo(9) }));

        var target = await h.Graph.FindAsync(Weibo(9));
        Assert.NotNull(target);
        Assert.True(target.Profile.IsProspect);
        Assert.Equal(RelationKind.Mentioned, Assert.Single(target.Related).Kind);
    }

    [Fact]
    public async Task IngestBatch_RejectsInvalidEventsAndAppliesTheOthers()
    {
        await using var h = NewGraph();
        CustomerEvent bad = new() { Id = "bad", Channel = EventChannel.Web, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)] };
        var result = await h.Graph.IngestBatchAsync([Event("ok1", 0, EventType.Follow, Phone(1)), bad, Event("ok2", 1, EventType.Follow, Phone(2))]);

        Assert.Equal((2, 0, 1), (result.Accepted, result.Duplicates, result.Rejected));
        var error = Assert.IsType<EventValidationException>(result.Results[1].Error);
        Assert.Equal("properties.amount", error.Field);
        Assert.Null(await h.Store.GetEventAsync("bad"));
        Assert.Equal(2, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IngestBatch_NormalisedAndRejectedEvents_KeepTheirPositions(bool withRejection)
    {
        await using var h = NewGraph();
        CustomerEvent bad = new() { Id = "bad", Channel = EventChannel.Web, Type = EventType.Purchase, OccurredAt = Epoch, Identities = [Phone(1)] };
        List<CustomerEvent> batch =
        [
            Event("canonical", 0, EventType.Follow, Email(1)),
            Event("written-loosely", 1, EventType.Follow, Identity.Phone("138-0013-8000")), // normalised to +8613800138000
            Event("canonical-too", 2, EventType.Follow, Email(2)),
        ];
        if (withRejection)
        {
            batch.Insert(2, bad);
        }

        var result = await h.Graph.IngestBatchAsync(batch);

        Assert.Equal(batch.Select(e => e.Id), result.Results.Select(r => r.EventId));
        Assert.Equal(withRejection ? 1 : 0, result.Rejected);
        Assert.Equal(await h.Graph.ResolveAsync(Email(1)), result.Results[0].CustomerId);
        Assert.Equal(await h.Graph.ResolveAsync(Identity.Phone("+8613800138000")), result.Results[1].CustomerId);
        Assert.Equal(await h.Graph.ResolveAsync(Email(2)), result.Results[^1].CustomerId);
        Assert.Equal(Identity.Phone("+8613800138000"), (await h.Store.GetEventAsync("written-loosely"))!.Identities[0]);
        Assert.Equal(3, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task IngestBatch_ShuffledWithReplays_GivesSameGraphAsSequential()
    {
        var events = Enumerable.Range(0, 60).Select(i => Event($"e{i}", i / 3, i % 4 == 0 ? EventType.Purchase : EventType.Comment, Phone(i % 7), Email(i % 5))).ToArray();
        await using var sequential = NewGraph();
        foreach (var e in events)
        {
            await sequential.Graph.IngestAsync(e);
        }

        await using var batched = NewGraph();
        var shuffled = events.Concat(events.Take(10)).OrderBy(e => (e.Id.GetHashCode(StringComparison.Ordinal) * 31) % 97).ToArray();
        var result = await batched.Graph.IngestBatchAsync(shuffled);

        Assert.Equal(60, result.Accepted);
        Assert.Equal(10, result.Duplicates);
        Assert.Equal(await GraphSnapshot.CaptureAsync(sequential), await GraphSnapshot.CaptureAsync(batched));
    }

    [Fact]
    public async Task Ingest_ConcurrentCallers_GiveSameGraphAsSequential()
    {
        var events = Enumerable.Range(0, 400).Select(i => Event($"e{i}", i % 50, EventType.PageView, Phone(i % 23), Email(i % 17), Device(i % 5))).ToArray();
        await using var sequential = NewGraph();
        await sequential.Graph.IngestBatchAsync(events);

        await using var concurrent = NewGraph();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < events.Length; i += 8)
            {
                await concurrent.Graph.IngestAsync(events[i]);
            }
        })));

        Assert.Equal(await GraphSnapshot.CaptureAsync(sequential), await GraphSnapshot.CaptureAsync(concurrent));
    }

    [Fact]
    public async Task Store_KeepsNormalisedEvent()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "n1",
            Channel = EventChannel.Shop,
            Type = EventType.Follow,
            OccurredAt = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)),
            Identities = [Identity.Phone("138-0013-8000"), Identity.Email(" Li@Example.COM")],
        });

        var stored = (await h.Store.GetEventAsync("n1"))!;
        Assert.Equal(TimeSpan.Zero, stored.OccurredAt.Offset);
        Assert.Equal(Epoch, stored.OccurredAt);
        Assert.Equal(["phone:+8613800138000", "email:li@example.com"], stored.Identities.Select(i => i.ToString()));
    }

    [Fact]
    public async Task Statistics_CountCustomersProspectsIdentitiesEvents()
    {
        await using var h = NewGraph();
        await h.Graph.IngestAsync(Event("a", 0, EventType.Purchase, Phone(1), Email(1)));
        await h.Graph.IngestAsync(Event("b", 0, EventType.Comment, Weibo(1)));

        var s = await h.Graph.GetStatisticsAsync();
        Assert.Equal(new GraphStatistics(Customers: 2, Prospects: 1, Identities: 3, Events: 2, Merges: 0, Conflicts: 0), s);
    }

    [Fact]
    public async Task Reads_UnknownIds_ReturnNothing()
    {
        await using var h = NewGraph();
        Assert.Null(await h.Graph.GetAsync("cus_unknown"));
        Assert.Null(await h.Graph.FindAsync(Phone(1)));
        Assert.Empty((await h.Graph.GetTimelineAsync("cus_unknown")).Events);
        Assert.Empty(await h.Store.GetMergesAsync("cus_unknown"));
    }
}
