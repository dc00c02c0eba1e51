using Ecrm.SampleData;
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Data.Sqlite;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Sqlite.Tests;

/// <summary>
/// Opening from the graph index: a store whose index is complete opens without reading its log and answers from the
/// index what the graph answers; an index behind its log (a crash between the log's commit and the index's) is never
/// used, and is rewritten; readers keep reading while the first write brings the graph into memory.
/// </summary>
public sealed class SqliteGraphIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheSeededDataSet_ReadFromTheIndex_AnswersWhatTheGraphAnswers()
    {
        var path = _folder.NewFile();
        var events = new SampleDataGenerator(11).Generate(1500);
        List<string> ids;
        List<Identity> identities;
        string warm;
        await using (var h = Open(path))
        {
            foreach (var batch in events.Chunk(400))
            {
                await h.Graph.IngestBatchAsync(batch);
            }

            ids = await StoreReads.KnownIdsAsync(h.Store);
            identities = [.. events.SelectMany(e => e.Identities).Distinct().Take(3000)];
            warm = await StoreReads.CaptureAsync(h.Store, ids, identities);
        }

        await using var cold = Open(path);
        var status = await cold.Graph.OpenAsync();
        Assert.Equal(0, status.EntriesRead); // nothing of the log was read
        var store = (SqliteCustomerStore)cold.Store;
        Assert.True(store.ReadsFromIndex);
        Assert.Equal(warm, await StoreReads.CaptureAsync(store, ids, identities));
        Assert.True(store.ReadsFromIndex);
    }

    [Fact]
    public async Task AnIndexBehindItsLog_IsNotUsed_AndIsRewrittenByTheOpening()
    {
        var path = _folder.NewFile();
        string warm;
        List<string> ids;
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(3).Generate(200));
            await h.Graph.IngestAsync(Event("last", 0, EventType.Purchase, Phone(1), Email(1)));
            ids = await StoreReads.KnownIdsAsync(h.Store);
            warm = await StoreReads.CaptureAsync(h.Store, ids, [Phone(1), Email(1)]);
        }

        // What a crash between the log's commit and the index's leaves: the log holds an entry the index does not.
        Execute(path, "UPDATE ecrm_index SET seq = seq - 1");

        await using (var behind = Open(path))
        {
            var status = await behind.Graph.OpenAsync();
            Assert.True(status.EntriesRead > 0, "the opening trusted an index behind its log");
            Assert.False(((SqliteCustomerStore)behind.Store).ReadsFromIndex);
            Assert.Equal(warm, await StoreReads.CaptureAsync(behind.Store, ids, [Phone(1), Email(1)]));
        }

        await using var rewritten = Open(path);
        await rewritten.Graph.OpenAsync();
        Assert.True(((SqliteCustomerStore)rewritten.Store).ReadsFromIndex);
        Assert.Equal(warm, await StoreReads.CaptureAsync(rewritten.Store, ids, [Phone(1), Email(1)]));
    }

    [Fact]
    public async Task AnIndexBuiltUnderOtherIdentityOptions_IsNotUsed_AndIsRewritten()
    {
        var path = _folder.NewFile();
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(8).Generate(200));
        }

        // A replay under another sharing limit can give other customers: the index of the old options is not theirs.
        Action<EcrmOptions> stricter = o => o.IdentityKinds["device"].SharedAfter = 1;
        await using (var changed = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }), stricter))
        {
            Assert.True((await changed.Graph.OpenAsync()).EntriesRead > 0, "the opening used an index written under other options");
        }

        await using var again = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }), stricter);
        Assert.Equal(0, (await again.Graph.OpenAsync()).EntriesRead);
    }

    [Fact]
    public async Task AStoreWithoutAnIndex_IsIndexedByItsFirstOpening()
    {
        var path = _folder.NewFile();
        string warm;
        List<string> ids;
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(5).Generate(200));
            ids = await StoreReads.KnownIdsAsync(h.Store);
            warm = await StoreReads.CaptureAsync(h.Store, ids, []);
        }

        // A file written before the index existed (schema version 2) has the log and no index rows.
        Execute(path, "DELETE FROM ecrm_identities; DELETE FROM ecrm_customers; DELETE FROM ecrm_placements; DELETE FROM ecrm_references; UPDATE ecrm_index SET seq = 0");
        await using (var first = Open(path))
        {
            Assert.True((await first.Graph.OpenAsync()).EntriesRead > 0);
        }

        await using var second = Open(path);
        Assert.Equal(0, (await second.Graph.OpenAsync()).EntriesRead);
        Assert.Equal(warm, await StoreReads.CaptureAsync(second.Store, ids, []));
    }

    [Fact]
    public async Task ReadersDuringAWriteOnAWorkingSet_AndWhileTheGraphIsBroughtIntoMemory_AlwaysFindTheCustomer()
    {
        var path = _folder.NewFile();
        var events = new SampleDataGenerator(9).Generate(2000);
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(events);
            await h.Graph.IngestAsync(Event("anchor", 0, EventType.Follow, Phone(7), Email(7)));
        }

        await using var cold = Open(path);
        await cold.Graph.OpenAsync();
        var store = (SqliteCustomerStore)cold.Store;
        Assert.True(store.ReadsFromIndex);
        using var stop = new CancellationTokenSource();
        var misses = 0;
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = await cold.Graph.ResolveAsync(Phone(7));
                var customer = id is null ? null : await cold.Graph.GetAsync(id);
                if (customer is null || !customer.Profile.Identities.Any(i => i.Identity == Email(7)))
                {
                    Interlocked.Increment(ref misses);
                }

                Interlocked.Increment(ref reads);
            }
        });

        while (Volatile.Read(ref reads) < 20)
        {
            await Task.Delay(1); // some reads from the index first
        }

        await cold.Graph.IngestAsync(Event("after", 1, EventType.Purchase, Phone(7))); // on a working set: reads still come from the index
        Assert.True(store.ReadsFromIndex);
        var after = Volatile.Read(ref reads);
        while (Volatile.Read(ref reads) < after + 20)
        {
            await Task.Delay(1);
        }

        Assert.NotNull(await cold.Store.GetEventAsync("after")); // an event by id needs the graph: it is brought into memory
        Assert.False(store.ReadsFromIndex);
        after = Volatile.Read(ref reads);
        while (Volatile.Read(ref reads) < after + 20)
        {
            await Task.Delay(1);
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, misses);
        Assert.Equal(2, (await cold.Graph.GetTimelineAsync((await cold.Graph.ResolveAsync(Phone(7)))!)).Events.Count);
    }

    [Fact]
    public async Task WithoutTheIndex_TheStoreIsItsLog_ReplayedByEveryOpening()
    {
        var path = _folder.NewFile();
        await using (var h = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, KeepGraphIndex = false })))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(4).Generate(100));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal(0L, SqliteSchema.Scalar(connection, "SELECT count(*) FROM ecrm_placements"));
            Assert.Equal(0L, SqliteSchema.Scalar(connection, "SELECT seq FROM ecrm_index"));
        }

        await using var again = Open(path); // with the index again: the opening replays, then writes it
        Assert.True((await again.Graph.OpenAsync()).EntriesRead > 0);
        Assert.False(((SqliteCustomerStore)again.Store).ReadsFromIndex);
    }

    [Fact]
    public async Task RowsWaitInMemory_UntilEnoughWait_OrTheStoreIsFlushedOrDisposed()
    {
        var path = _folder.NewFile();
        await using var h = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, IndexFlushRows = 1_000_000 }));
        await h.Graph.IngestBatchAsync(new SampleDataGenerator(6).Generate(50));
        var store = (SqliteCustomerStore)h.Store;
        Assert.Equal(0L, await store.ReadIndexedSequenceAsync()); // only the empty index of the opening
        var writes = new List<System.Diagnostics.Activity>();
        using (var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Ecrm.Sdk",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.OperationName == "ecrm.store.index-write" && (string?)a.GetTagItem("ecrm.store.location") == store.Metadata.Location) // tests run in parallel
                {
                    lock (writes)
                    {
                        writes.Add(a);
                    }
                }
            },
        })
        {
            System.Diagnostics.ActivitySource.AddActivityListener(listener);
            await store.FlushIndexAsync();
        }

        Assert.Equal((await store.GetStatisticsAsync()).Events, await store.ReadIndexedSequenceAsync()); // one entry an event
        var write = Assert.Single(writes); // traced, with its rows
        Assert.True((int)write.GetTagItem("ecrm.index.rows")! > 50);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Unset, write.Status);
    }

    private static GraphHarness Open(string path) =>
        new(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }));

    private static void Execute(string path, string sql) => SqliteFile.Execute(path, sql);
}
