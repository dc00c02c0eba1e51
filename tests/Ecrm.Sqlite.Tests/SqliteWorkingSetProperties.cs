using Ecrm.Storage.ConformanceTests;
using FsCheck.Xunit;

namespace Ecrm.Sqlite.Tests;

/// <summary>
/// Writes on a working set give what the whole graph gives: over generated histories (merges, weak links, unique-kind
/// conflicts, references, equal timestamps, late events, any arrival order and batching, duplicates and reused ids
/// sent again), a store reopened before every batch, so that each batch after the first is applied to the components
/// it touches loaded from the index, answers every batch and every read as a store that holds the whole graph in
/// memory; and so does its log, replayed whole without the index.
/// </summary>
[Properties(Arbitrary = [typeof(GraphArbitraries)], MaxTest = 1000, EndSize = 60)]
public sealed class SqliteWorkingSetProperties : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Property]
    public bool WritesOnWorkingSets_GiveWhatTheWholeGraphGives(History history, int resendPick, int undoPick)
        => Run(() => CheckAsync(history, resendPick, undoPick, null));

    [Property]
    public bool WritesOnWorkingSets_GiveWhatTheWholeGraphGives_WithSharedDevices(History history, int resendPick, int undoPick)
        => Run(() => CheckAsync(history, resendPick, undoPick, o => o.IdentityKinds["device"].SharedAfter = 2));

    private async Task<bool> CheckAsync(History history, int resendPick, int undoPick, Action<EcrmOptions>? configure)
    {
        var batches = history.Batches.ToList();
        var resent = history.Arrival[Math.Abs(resendPick % history.Arrival.Count)];
        batches.Add([resent, resent with { Id = history.Arrival[0].Id, Type = EventType.Unfollow }]); // a duplicate, and an id reused for another event

        var wholePath = _folder.NewFile();
        var path = _folder.NewFile();
        var cold = 0;
        var undone = 0;
        var issued = new HashSet<string>(StringComparer.Ordinal) { "cus_unknown" }; // every customer id an ingestion returned
        await using (var whole = Open(wholePath, configure)) // one process throughout: the whole graph in memory
        {
            foreach (var batch in batches)
            {
                var expected = await whole.Graph.IngestBatchAsync(batch);
                await using (var h = Open(path, configure))
                {
                    await h.Graph.OpenAsync();
                    var store = (SqliteCustomerStore)h.Store;
                    var fromIndex = store.ReadsFromIndex;
                    var actual = await h.Graph.IngestBatchAsync(batch);
                    Assert.Equal(expected.Results.Select(r => (r.EventId, r.Status, r.CustomerId)), actual.Results.Select(r => (r.EventId, r.Status, r.CustomerId)));
                    issued.UnionWith(expected.Results.Select(r => r.CustomerId).OfType<string>());
                    if (fromIndex)
                    {
                        cold++;
                        // A component with identities an undo keeps apart needs the whole graph (see WorkingSetLoad).
                        Assert.True(store.ReadsFromIndex || undone > 0, "a write brought the whole graph into memory");
                    }
                }

                // Now and then a merge is undone, on the whole graph and on a working set of the reopened store: the
                // batches after it replay the undo where the log holds it.
                if ((undoPick & int.MaxValue) % 3 != 0 && undone < 3 && await MergeToUndoAsync(whole, undoPick + cold) is { } merge)
                {
                    var wholeUndo = await whole.Graph.UndoMergeAsync(merge);
                    await using var u = Open(path, configure);
                    await u.Graph.OpenAsync();
                    var undoStore = (SqliteCustomerStore)u.Store;
                    var undo = await u.Graph.UndoMergeAsync(merge);
                    Assert.True(undoStore.ReadsFromIndex || undone > 0, "the first undo brought the whole graph into memory");
                    Assert.Equal((wholeUndo.SurvivorId, wholeUndo.RestoredId), (undo.SurvivorId, undo.RestoredId));
                    Assert.Equal(wholeUndo.Changes.Changed.Order(StringComparer.Ordinal), undo.Changes.Changed.Order(StringComparer.Ordinal));
                    issued.Add(undo.SurvivorId);
                    issued.Add(undo.RestoredId);
                    undone++;
                }
            }

            Assert.Equal(batches.Count - 1, cold); // every batch after the first (an empty store opens in memory)
            // The ids compared are those a caller was given (the live ones among them too): a rebuild inside one batch
            // may found customers no caller ever sees, which one engine keeps as merged ids and the other never makes.
            await foreach (var p in whole.Store.ScanCustomersAsync())
            {
                issued.Add(p.Id);
            }

            var ids = issued.Order(StringComparer.Ordinal).ToList();
            var identities = GraphArbitraries.Universe;
            var want = Issued(await StoreReads.CaptureAsync(whole.Store, ids, identities), issued);

            await using (var again = Open(path, configure))
            {
                await again.Graph.OpenAsync();
                Assert.True(((SqliteCustomerStore)again.Store).ReadsFromIndex);
                Assert.Equal(want, Issued(await StoreReads.CaptureAsync(again.Store, ids, identities), issued));
            }

            await using var replayed = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, KeepGraphIndex = false }), configure);
            Assert.Equal(want, Issued(await StoreReads.CaptureAsync(replayed.Store, ids, identities), issued));
        }

        return true;
    }

    /// <summary>A merge of the whole graph, picked by <paramref name="pick"/>, or null when it has none.</summary>
    private static async Task<string?> MergeToUndoAsync(GraphHarness whole, int pick)
    {
        var merges = new List<string>();
        await foreach (var p in whole.Store.ScanCustomersAsync())
        {
            merges.AddRange((await whole.Store.GetMergesAsync(p.Id)).Select(m => m.Id));
        }

        merges.Sort(StringComparer.Ordinal);
        return merges.Count == 0 ? null : merges[Math.Abs(pick % merges.Count)];
    }

    /// <summary>A capture whose merged-id lists keep only the ids a caller was given.</summary>
    private static string Issued(string capture, HashSet<string> issued) =>
        System.Text.RegularExpressions.Regex.Replace(capture, "\"mergedIds\":\\[([^\\]]*)\\]", m =>
            "\"mergedIds\":[" + string.Join(',', m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(id => issued.Contains(id.Trim('"')))) + "]");

    private static GraphHarness Open(string path, Action<EcrmOptions>? configure) =>
        new(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }), configure);

    private static bool Run(Func<Task<bool>> body) => Task.Run(body).GetAwaiter().GetResult();
}
