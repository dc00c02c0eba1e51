using Xunit;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>
/// Erasure where the person's identities also sit in other customers' events (after a unique-kind conflict or an undone
/// merge), and erasure under concurrent reads.
/// </summary>
public abstract partial class CustomerStoreConformanceTests
{
    [Fact]
    public async Task Erase_IdentityCarriedByAnotherCustomersEvent_AfterAConflict_ResolvesToNoOneAndIsGone()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.StoreVisit, Card(1), Phone(1)));
        // The second card cannot join the first card's holder: it founds its own customer; the event stays with A.
        await h.Graph.IngestAsync(Event("x", 1, EventType.StoreVisit, Phone(1), Card(2)));
        var b = await h.Graph.IngestAsync(Event("b", 2, EventType.Follow, Card(2), Email(2)));
        Assert.NotEqual(a.CustomerId, b.CustomerId);
        Assert.Single(await h.Graph.GetConflictsAsync());

        await h.Privacy.EraseAsync(b.CustomerId!, "dpo");

        Assert.Null(await h.Graph.ResolveAsync(Card(2)));
        Assert.Null(await h.Graph.ResolveAsync(Email(2)));
        Assert.Empty(await h.Graph.GetConflictsAsync()); // the conflict named the erased card
        var holder = (await h.Graph.FindAsync(Phone(1)))!;
        Assert.Equal(a.CustomerId, holder.Profile.Id);
        Assert.Equal(2, holder.Profile.Counters.Events.Values.Sum()); // A keeps its own events, without the erased card
        var dumped = await DumpAsync(h, "a", "x", "b");
        Assert.DoesNotContain("M0002", dumped, StringComparison.Ordinal);
        Assert.DoesNotContain("user2@example.com", dumped, StringComparison.Ordinal);
        Assert.Contains("M0001", dumped, StringComparison.Ordinal); // the dump does see the other customer's card
    }

    [Fact]
    public async Task Erase_AfterAnUndoneMerge_TheErasedIdentityResolvesToNoOneAndIsGone()
    {
        await using var h = NewGraph();
        var a = await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
        var b = await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Email(2)));
        await h.Graph.IngestAsync(Event("m", 2, EventType.Comment, Phone(1), Email(2)));
        var merge = Assert.Single((await h.Graph.GetAsync(a.CustomerId!))!.Merges);
        await h.Graph.UndoMergeAsync(merge.Id);
        Assert.Equal(b.CustomerId, await h.Graph.ResolveAsync(Email(2)));

        await h.Privacy.EraseAsync(b.CustomerId!, "dpo");

        Assert.Null(await h.Graph.ResolveAsync(Email(2)));
        Assert.Equal(a.CustomerId, await h.Graph.ResolveAsync(Phone(1)));
        var kept = (await h.Graph.GetAsync(a.CustomerId!))!;
        Assert.DoesNotContain(kept.Profile.Identities, i => i.Identity.Kind == IdentityKind.Email);
        Assert.Equal(2, kept.Profile.Counters.Events.Values.Sum());
        var dumped = await DumpAsync(h, "a", "b", "m");
        Assert.DoesNotContain("user2@example.com", dumped, StringComparison.Ordinal);

        // A later event with the other person's phone does not bring the erased e-mail back to them.
        await h.Graph.IngestAsync(Event("later", 3, EventType.Comment, Phone(1)));
        Assert.Null(await h.Graph.ResolveAsync(Email(2)));
    }

    [Fact]
    public async Task Erase_OtherCustomersStayReadableThroughout()
    {
        await using var h = NewGraph();
        const int People = 1500;
        var events = new List<CustomerEvent>();
        for (var i = 0; i < People; i++)
        {
            var phone = Identity.Phone($"+861390000{i:0000}");
            events.Add(Event($"f{i}", i, EventType.Follow, phone, Identity.Email($"p{i}@example.com")));
            events.Add(Event($"v{i}", i + People, EventType.PageView, phone));
        }

        await h.Graph.IngestBatchAsync(events);
        var watched = (await h.Graph.ResolveAsync(Identity.Phone("+8613900000000")))!;
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var misses = new List<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var c = await h.Graph.GetAsync(watched);
                var stats = await h.Graph.GetStatisticsAsync();
                var resolved = await h.Graph.ResolveAsync(Identity.Email("p0@example.com"));
                if (c is null || resolved is null || stats.Customers < People)
                {
                    lock (misses)
                    {
                        misses.Add($"read {reads}: customer {(c is null ? "missing" : "ok")}, e-mail {(resolved is null ? "unresolved" : "ok")}, {stats.Customers} customers");
                    }
                }

                reads++;
                started.TrySetResult();
            }
        });
        await started.Task;

        for (var k = 1; k <= 5; k++)
        {
            var subject = (await h.Graph.ResolveAsync(Identity.Phone($"+861390000{k:0000}")))!;
            await h.Privacy.EraseAsync(subject, "dpo");
            Assert.Null(await h.Graph.ResolveAsync(Identity.Phone($"+861390000{k:0000}")));
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(misses.Count == 0, $"{misses.Count} of {reads} reads missed another customer: {string.Join("; ", misses.Take(3))}");
    }
}
