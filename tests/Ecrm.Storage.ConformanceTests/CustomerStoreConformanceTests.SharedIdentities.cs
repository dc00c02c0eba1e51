using Xunit;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>
/// Weak identities seen with more strong identities than their kind's limit (a store's kiosk) are shared: they link
/// no one, whenever and in whatever order the events that make them shared arrive.
/// </summary>
public abstract partial class CustomerStoreConformanceTests
{
    private static readonly Action<EcrmOptions> DevicesSharedAfterTwo = o => o.IdentityKinds["device"].SharedAfter = 2;

    [Fact]
    public async Task Ingest_ADeviceSeenWithMorePeopleThanItsLimit_LinksNoOne_AndWhatOnlyItCarriesGoesToACustomerOfItsOwn()
    {
        await using var h = NewGraph(DevicesSharedAfterTwo);
        var visit = await h.Graph.IngestAsync(Event("anon", 0, EventType.PageView, Device(1)));
        var first = await h.Graph.IngestAsync(Event("p1", 1, EventType.PageView, Phone(1), Device(1)));
        Assert.Equal(visit.CustomerId, first.CustomerId); // below the limit: the visitor logged in
        await h.Graph.IngestAsync(Event("p2", 2, EventType.PageView, Phone(2), Device(1)));
        Assert.Equal(first.CustomerId, await h.Graph.ResolveAsync(Device(1)));

        await h.Graph.IngestAsync(Event("p3", 3, EventType.PageView, Phone(3), Device(1))); // a third person: the kiosk is shared

        var kiosk = (await h.Graph.FindAsync(Device(1)))!;
        Assert.Equal(Device(1), Assert.Single(kiosk.Profile.Identities).Identity);
        Assert.Equal(["anon"], kiosk.Timeline.Events.Select(e => e.Id));
        foreach (var (phone, id) in new[] { (Phone(1), "p1"), (Phone(2), "p2"), (Phone(3), "p3") })
        {
            var person = (await h.Graph.FindAsync(phone))!;
            Assert.Equal(phone, Assert.Single(person.Profile.Identities).Identity);
            Assert.Equal([id], person.Timeline.Events.Select(e => e.Id));
        }

        Assert.Equal(4, (await h.Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task Ingest_ASharedDeviceNamedByReferences_GetsTheSameCustomerInAnyOrder()
    {
        // The first counterexample the order-free property found: the device is shared by the late second event, and
        // the later of two references to it arrives first.
        CustomerEvent[] events =
        [
            Event("ev-020", 5, EventType.Follow, Email(1), Card(2), Device(2)),
            Event("ev-010", 3, EventType.Repost, Phone(2), Card(1), Device(2)).With(properties: new EventProperties { Referrer = Email(2) }),
            Event("ev-000", 9, EventType.Follow, Phone(3), OpenId(1)).With(properties: new EventProperties { Referrer = Device(2) }),
            Event("ev-014", 6, EventType.PageView, Email(3), OpenId(1), OpenId(2)).With(properties: new EventProperties { Referrer = Device(2) }),
        ];
        await using var arrived = await AssertSameGraphInCanonicalOrderAsync(events, DevicesSharedAfterTwo);
        Assert.NotNull(await arrived.Graph.ResolveAsync(Device(2)));
    }

    [Fact]
    public async Task Ingest_ASharedDeviceJoinedByAnotherOnlyLater_KeepsTheCustomerItsEarlierReferenceFounded()
    {
        // Found in review: a device that joins another shared device's customer through an event carrying only the two
        // has no customer at an earlier reference to it; that reference founds its own, in any order.
        var events = new List<CustomerEvent>();
        for (var i = 1; i <= 3; i++)
        {
            events.Add(Event($"s{i}", 0, EventType.PageView, Phone(i), Device(1)));
            events.Add(Event($"t{i}", 0, EventType.PageView, Phone(i + 3), Device(2)));
        }

        events.Add(Event("e1", 1, EventType.PageView, Device(1)));
        events.Add(Event("e2", 3, EventType.PageView, Device(1), Device(2)));
        events.Add(Event("r", 2, EventType.Follow, Phone(7)).With(properties: new EventProperties { Referrer = Device(2) }));

        await using var arrived = await AssertSameGraphInCanonicalOrderAsync(events, DevicesSharedAfterTwo);
        Assert.NotEqual(await arrived.Graph.ResolveAsync(Device(1)), await arrived.Graph.ResolveAsync(Device(2)));
    }

    [Fact]
    public async Task UndoMerge_OutlivesTheMergedSidesFoundingDeviceBecomingShared()
    {
        // Found in review: the undone merge's anchors were the two founding identities; once the merged side's founding
        // device was shared (linking nothing), the other device of that side merged into the survivor again.
        await using var h = NewGraph(DevicesSharedAfterTwo);
        var survivor = await h.Graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)));
        await h.Graph.IngestAsync(Event("e2", 1, EventType.PageView, Device(1)));
        await h.Graph.IngestAsync(Event("e3", 2, EventType.PageView, Device(1), Device(2)));
        await h.Graph.IngestAsync(Event("e4", 3, EventType.PageView, Phone(1), Device(2)));
        var merge = Assert.Single((await h.Graph.GetAsync(survivor.CustomerId!))!.Merges);
        await h.Graph.UndoMergeAsync(merge.Id);
        Assert.NotEqual(survivor.CustomerId, await h.Graph.ResolveAsync(Device(2)));

        for (var i = 2; i <= 4; i++)
        {
            await h.Graph.IngestAsync(Event($"s{i}", 4, EventType.PageView, Phone(i), Device(1))); // the first device becomes shared
        }

        Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Device(2)));
        Assert.Empty((await h.Graph.GetAsync(survivor.CustomerId!))!.Merges);
    }

    /// <summary>
    /// Ingests the events one by one as listed and, in another graph, in canonical order (time, then id); asserts the
    /// two graphs are equal and returns the first.
    /// </summary>
    private async Task<GraphHarness> AssertSameGraphInCanonicalOrderAsync(IReadOnlyList<CustomerEvent> events, Action<EcrmOptions> configure)
    {
        await using var inOrder = NewGraph(configure);
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            await inOrder.Graph.IngestAsync(e);
        }

        var arrived = NewGraph(configure);
        try
        {
            foreach (var e in events)
            {
                await arrived.Graph.IngestAsync(e);
            }

            Assert.Equal(await GraphSnapshot.CaptureAsync(inOrder), await GraphSnapshot.CaptureAsync(arrived));
            return arrived;
        }
        catch
        {
            await arrived.DisposeAsync();
            throw;
        }
    }
}
