using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using FsCheck.Xunit;

namespace Ecrm.Sqlite.Tests;

/// <summary>
/// The graph index answers every read as the graph does: over generated histories (merges, weak links, unique-kind
/// conflicts, references, equal timestamps, any arrival order and batching), with an undone merge and an erasure in
/// them, a store reopened from its index alone gives the same 360s, timelines, resolutions and statistics as the
/// graph that wrote it; and after a write (on a working set, or with the graph brought into memory when it touches the
/// undone merge's component) and an undo, the index answers the same again.
/// </summary>
[Properties(Arbitrary = [typeof(GraphArbitraries)], MaxTest = 100, EndSize = 40)]
public sealed class SqliteGraphIndexProperties : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Property]
    public bool ColdReads_AnswerWhatTheGraphAnswers(History history, int undoPick, int erasePick)
        => Run(() => CheckAsync(history, undoPick, erasePick, null));

    [Property]
    public bool ColdReads_AnswerWhatTheGraphAnswers_WithSharedDevices(History history, int undoPick, int erasePick)
        => Run(() => CheckAsync(history, undoPick, erasePick, o => o.IdentityKinds["device"].SharedAfter = 2));

    private async Task<bool> CheckAsync(History history, int undoPick, int erasePick, Action<EcrmOptions>? configure)
    {
        var path = _folder.NewFile();
        var identities = GraphArbitraries.Universe.ToList();
        List<string> ids;
        string warm;
        bool undone;
        await using (var h = Open(path, configure))
        {
            foreach (var batch in history.Batches)
            {
                await h.Graph.IngestBatchAsync(batch);
            }

            undone = await UndoOneAsync(h, undoPick);
            if (erasePick % 3 == 0 && await h.Graph.ResolveAsync(identities[(erasePick & int.MaxValue) % identities.Count]) is { } erased)
            {
                var record = await h.Privacy.EraseAsync(erased, "property");
                identities.Add(Identity.Parse(record.Pseudonym));
            }

            ids = await StoreReads.KnownIdsAsync(h.Store);
            warm = await StoreReads.CaptureAsync(h.Store, ids, identities);
        }

        await using (var cold = Open(path, configure))
        {
            await cold.Graph.OpenAsync();
            var store = (SqliteCustomerStore)cold.Store;
            Assert.True(store.ReadsFromIndex, "the store replayed its log although its index was complete");
            Assert.Equal(warm, await StoreReads.CaptureAsync(store, ids, identities));
            Assert.True(store.ReadsFromIndex, "a read brought the graph into memory");

            // A write goes to a working set loaded from the index, unless it touches a component in which the undo
            // keeps identities apart (see WorkingSetLoad): then it brings the graph into memory. The scan that finds a
            // merge to undo always does; from then on the index is kept a unit of work at a time.
            await cold.Graph.IngestBatchAsync([.. history.Events.Take(3), history.Events[^1] with { Id = "ev-late", OccurredAt = history.Events[0].OccurredAt.AddSeconds(-1) }]);
            Assert.True(store.ReadsFromIndex || undone, "a write brought the graph into memory");
            await UndoOneAsync(cold, undoPick + 1);
            Assert.False(store.ReadsFromIndex);
            ids = await StoreReads.KnownIdsAsync(cold.Store);
            warm = await StoreReads.CaptureAsync(cold.Store, ids, identities);
        }

        await using (var again = Open(path, configure))
        {
            await again.Graph.OpenAsync();
            Assert.True(((SqliteCustomerStore)again.Store).ReadsFromIndex);
            Assert.Equal(warm, await StoreReads.CaptureAsync(again.Store, ids, identities));
        }

        return true;
    }

    private static async Task<bool> UndoOneAsync(GraphHarness h, int pick)
    {
        var merges = new List<MergeRecord>();
        await foreach (var p in h.Store.ScanCustomersAsync())
        {
            merges.AddRange(await h.Store.GetMergesAsync(p.Id));
        }

        if (merges.Count > 0)
        {
            await h.Graph.UndoMergeAsync(merges[Math.Abs(pick % merges.Count)].Id);
            return true;
        }

        return false;
    }

    // Rows are written once 7 wait: several writes a history, rows of the same key collapsing while they wait.
    private static GraphHarness Open(string path, Action<EcrmOptions>? configure) =>
        new(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, IndexFlushRows = 7 }), configure);

    private static bool Run(Func<Task<bool>> body) => Task.Run(body).GetAwaiter().GetResult();
}
