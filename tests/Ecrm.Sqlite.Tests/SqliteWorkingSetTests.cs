using System.Diagnostics;
using Ecrm.SampleData;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Data.Sqlite;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Sqlite.Tests;

/// <summary>
/// Writes on a working set against the faults that would break them: a process killed while it writes, a write the
/// database refuses half-way, and the switch that turns them off. The log and the index change in one transaction, so
/// after any of these the index holds exactly what the log holds.
/// </summary>
public sealed class SqliteWorkingSetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KilledWhileWritingOnWorkingSets_TheIndexHoldsExactlyTheLog_AndOpensWithoutAReplay()
    {
        const int BatchSize = 250;
        const int ReopenAfter = 4;
        var path = _folder.NewFile();
        var helper = Path.Combine(AppContext.BaseDirectory, "Ecrm.Sqlite.CrashHelper.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", helper, path, "3000", $"{BatchSize}", $"{ReopenAfter}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var lastSeen = -1;
        var reopened = false;
        using (var child = Process.Start(start)!)
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                reopened |= line == "reopened";
                if (line.StartsWith("acked ", StringComparison.Ordinal))
                {
                    lastSeen = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
                }

                if (lastSeen >= ReopenAfter + 3 || line == "done")
                {
                    break;
                }
            }

            child.Kill(); // SIGKILL on Unix, in the middle of the next batch's write
            await child.WaitForExitAsync();
            Assert.True(reopened && lastSeen >= ReopenAfter + 3, $"the child acknowledged only {lastSeen + 1} batches: {await child.StandardError.ReadToEndAsync()}");
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", SqliteSchema.Scalar(connection, "PRAGMA integrity_check"));
            Assert.Equal(SqliteSchema.Scalar(connection, "SELECT max(seq) FROM ecrm_log"), SqliteSchema.Scalar(connection, "SELECT seq FROM ecrm_index"));
        }

        var events = new SampleDataGenerator().Generate(3000);
        var identities = events.SelectMany(e => e.Identities).Distinct().Take(400).ToList();
        string fromIndex;
        List<string> ids;
        await using (var cold = Open(path))
        {
            Assert.Equal(0, (await cold.Graph.OpenAsync()).EntriesRead); // the index reflects the log's last entry
            ids = [];
            foreach (var identity in identities)
            {
                if (await cold.Graph.ResolveAsync(identity) is { } id)
                {
                    ids.Add(id);
                }
            }

            ids = [.. ids.Distinct().Take(150)];
            fromIndex = await StoreReads.CaptureAsync(cold.Store, ids, identities);
            Assert.True(((SqliteCustomerStore)cold.Store).ReadsFromIndex);
        }

        // Every acknowledged batch is there, on either side of the reopening.
        var acknowledged = events.Chunk(BatchSize).Take(lastSeen + 1).SelectMany(b => b).Select(e => e.Id).Distinct().ToList();
        await using var replayed = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, KeepGraphIndex = false }));
        Assert.True((await replayed.Graph.OpenAsync()).EntriesRead > 0);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await replayed.Store.GetEventAsync(id));
        }

        Assert.Equal(fromIndex, await StoreReads.CaptureAsync(replayed.Store, ids, identities));
    }

    [Fact]
    public async Task AWriteTheDatabaseRefuses_ChangesNothing_AndTheNextWriteGoesOn()
    {
        var path = _folder.NewFile();
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(3).Generate(200));
            await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            // The log refuses one event, after the batch's other entries were inserted in the same transaction.
            SqliteSchema.Execute(connection, "CREATE TRIGGER refuse BEFORE INSERT ON ecrm_log WHEN NEW.event_id = 'poison' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }

        await using var cold = Open(path);
        await cold.Graph.OpenAsync();
        var store = (SqliteCustomerStore)cold.Store;
        var before = await StoreReads.CaptureAsync(store, [(await cold.Graph.ResolveAsync(Phone(1)))!], [Phone(1), Email(1), Phone(2), Email(2)]);
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await cold.Graph.IngestBatchAsync(
        [
            Event("merge", 1, EventType.Purchase, Phone(1), Phone(2)),
            Event("new", 2, EventType.Follow, Email(2)),
            Event("poison", 3, EventType.Follow, Email(1)),
        ]));
        Assert.Contains("injected failure", refused.ToString(), StringComparison.Ordinal);
        Assert.True(store.ReadsFromIndex);
        Assert.Equal(before, await StoreReads.CaptureAsync(store, [(await cold.Graph.ResolveAsync(Phone(1)))!], [Phone(1), Email(1), Phone(2), Email(2)]));
        Assert.Null(await cold.Graph.ResolveAsync(Email(2)));

        var next = await cold.Graph.IngestBatchAsync([Event("merge", 1, EventType.Purchase, Phone(1), Phone(2)), Event("new", 2, EventType.Follow, Email(2))]);
        Assert.Equal(2, next.Accepted);
        Assert.True(store.ReadsFromIndex);
        var id = (await cold.Graph.ResolveAsync(Phone(1)))!;
        Assert.Equal(id, await cold.Graph.ResolveAsync(Phone(2)));
        Assert.Equal(2, (await cold.Graph.GetTimelineAsync(id))!.Events.Count);
    }

    [Fact]
    public async Task ReadersWhileWorkingSetsMergeCustomers_NeverSeeACustomerHalfMerged()
    {
        const int Pairs = 300;
        var path = _folder.NewFile();
        await using (var h = Open(path))
        {
            for (var i = 0; i < Pairs; i++)
            {
                await h.Graph.IngestBatchAsync(
                [
                    Event($"a{i}", 0, EventType.Follow, Identity.Email($"a{i}@example.com")),
                    Event($"b{i}", 1, EventType.Purchase, Identity.Email($"b{i}@example.com"), Identity.MemberCard($"B{i:0000}")),
                ]);
            }
        }

        await using var cold = Open(path);
        await cold.Graph.OpenAsync();
        using var stop = new CancellationTokenSource();
        var torn = new List<string>();
        var reads = 0;
        async Task ReadAsync(int offset)
        {
            for (var n = offset; !stop.IsCancellationRequested; n++)
            {
                var card = Identity.MemberCard($"B{n % Pairs:0000}");
                var id = await cold.Graph.ResolveAsync(card);
                var c = id is null ? null : await cold.Graph.GetAsync(id);
                if (c is null || !c.Profile.Identities.Any(i => i.Identity == card) || c.Profile.Counters.Events.Values.Sum() == 0)
                {
                    lock (torn)
                    {
                        torn.Add($"{card} -> {id}: {(c is null ? "none" : string.Join(",", c.Profile.Identities.Select(i => i.Identity)))}");
                    }
                }

                Interlocked.Increment(ref reads);
            }
        }

        var readers = new[] { Task.Run(() => ReadAsync(0)), Task.Run(() => ReadAsync(Pairs / 2)) };
        while (Volatile.Read(ref reads) < 20)
        {
            await Task.Delay(1); // the readers are under way before the first write
        }

        var before = Volatile.Read(ref reads);
        for (var i = 0; i < Pairs; i++)
        {
            // Each batch merges B{i}'s customer into a{i}'s (older): B{i}'s rows move, its id becomes an alias.
            await cold.Graph.IngestBatchAsync([Event($"link{i}", 2, EventType.Follow, Identity.Email($"a{i}@example.com"), Identity.Email($"b{i}@example.com"))]);
            if (i % 10 == 0)
            {
                await Task.Delay(1); // a write does not wait for the readers: let them in between some
            }
        }

        var during = Volatile.Read(ref reads) - before;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(((SqliteCustomerStore)cold.Store).ReadsFromIndex);
        Assert.True(during >= Pairs / 10, $"only {during} reads ran beside the writes");
        Assert.Empty(torn);
        Assert.Equal(Pairs, (await cold.Graph.GetStatisticsAsync()).Customers);
    }

    [Fact]
    public async Task WithWritesOnWorkingSetsOff_AWriteBringsTheWholeGraphIntoMemory()
    {
        var path = _folder.NewFile();
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(5).Generate(50));
        }

        await using var off = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, WritesOnWorkingSets = false }));
        await off.Graph.OpenAsync();
        var store = (SqliteCustomerStore)off.Store;
        Assert.True(store.ReadsFromIndex);
        await off.Graph.IngestAsync(Event("x", 0, EventType.Follow, Phone(9)));
        Assert.False(store.ReadsFromIndex);
    }

    [Fact]
    public async Task AnUndo_RunsOnAWorkingSet_AndOnlyItsComponentNeedsTheWholeGraphAfterwards()
    {
        var path = _folder.NewFile();
        string mergeId;
        await using (var h = Open(path))
        {
            await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
            await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Phone(2), Email(2)));
            var linked = await h.Graph.IngestAsync(Event("ab", 2, EventType.Comment, Email(1), Phone(2))); // merges A and B
            mergeId = Assert.Single((await h.Graph.GetAsync(linked.CustomerId!))!.Merges).Id;
            await h.Graph.IngestAsync(Event("c", 3, EventType.Follow, Phone(3)));
        }

        await using (var h = Open(path))
        {
            await h.Graph.OpenAsync();
            var store = (SqliteCustomerStore)h.Store;
            var undo = await h.Graph.UndoMergeAsync(mergeId);
            Assert.True(store.ReadsFromIndex, "the undo brought the whole graph into memory");
            Assert.NotEqual(undo.SurvivorId, undo.RestoredId);
            Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Phone(2)));

            // Another customer's component holds no pair the undo keeps apart: its writes stay on working sets.
            await h.Graph.IngestAsync(Event("c2", 4, EventType.Purchase, Phone(3)));
            Assert.True(store.ReadsFromIndex, "a write elsewhere brought the whole graph into memory");
        }

        await using (var h = Open(path))
        {
            await h.Graph.OpenAsync();
            var store = (SqliteCustomerStore)h.Store;
            Assert.True(store.ReadsFromIndex, "the undo's index rows were not committed with its log entry");
            Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Phone(2)));

            // The undone sides' component needs the whole graph (see WorkingSetLoad), which keeps them apart.
            var again = await h.Graph.IngestAsync(Event("ab2", 5, EventType.Comment, Email(1), Phone(2)));
            Assert.False(store.ReadsFromIndex);
            Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Phone(2)));
            Assert.Equal(IngestStatus.Accepted, again.Status);
        }
    }

    private static GraphHarness Open(string path) => new(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }));
}
