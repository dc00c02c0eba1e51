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
[Properties(Arbitrary = [typeof(GraphArbitraries)], MaxTest = 100, EndSize = 40)]
public sealed class SqliteWorkingSetProperties : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Property]
    public bool WritesOnWorkingSets_GiveWhatTheWholeGraphGives(History history, int resendPick)
        => Run(() => CheckAsync(history, resendPick, null));

    [Property]
    public bool WritesOnWorkingSets_GiveWhatTheWholeGraphGives_WithSharedDevices(History history, int resendPick)
        => Run(() => CheckAsync(history, resendPick, o => o.IdentityKinds["device"].SharedAfter = 2));

    private async Task<bool> CheckAsync(History history, int resendPick, Action<EcrmOptions>? configure)
    {
        var batches = history.Batches.ToList();
        var resent = history.Arrival[Math.Abs(resendPick % history.Arrival.Count)];
        batches.Add([resent, resent with { Id = history.Arrival[0].Id, Type = EventType.Unfollow }]); // a duplicate, and an id reused for another event

        var wholePath = _folder.NewFile();
        var path = _folder.NewFile();
        var cold = 0;
        await using (var whole = Open(wholePath, configure)) // one process throughout: the whole graph in memory
        {
            foreach (var batch in batches)
            {
                var expected = await whole.Graph.IngestBatchAsync(batch);
                await using var h = Open(path, configure);
                await h.Graph.OpenAsync();
                var store = (SqliteCustomerStore)h.Store;
                var fromIndex = store.ReadsFromIndex;
                var actual = await h.Graph.IngestBatchAsync(batch);
                Assert.Equal(expected.Results.Select(r => (r.EventId, r.Status, r.CustomerId)), actual.Results.Select(r => (r.EventId, r.Status, r.CustomerId)));
                if (fromIndex)
                {
                    cold++;
                    Assert.True(store.ReadsFromIndex, "a write brought the whole graph into memory");
                }
            }

            Assert.Equal(batches.Count - 1, cold); // every batch after the first (an empty store opens in memory)
            var ids = await StoreReads.KnownIdsAsync(whole.Store);
            var identities = GraphArbitraries.Universe;
            var want = await StoreReads.CaptureAsync(whole.Store, ids, identities);

            await using (var again = Open(path, configure))
            {
                await again.Graph.OpenAsync();
                Assert.True(((SqliteCustomerStore)again.Store).ReadsFromIndex);
                var got = await StoreReads.CaptureAsync(again.Store, ids, identities);
                if (got != want) { File.WriteAllText("/tmp/want.txt", want); File.WriteAllText("/tmp/got.txt", got); }
                Assert.Equal(want, got);
            }

            await using var replayed = new GraphHarness(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path, KeepGraphIndex = false }), configure);
            Assert.Equal(want, await StoreReads.CaptureAsync(replayed.Store, ids, identities));
        }

        return true;
    }

    private static GraphHarness Open(string path, Action<EcrmOptions>? configure) =>
        new(o => new SqliteCustomerStore(o, new SqliteStoreOptions { Path = path }), configure);

    private static bool Run(Func<Task<bool>> body) => Task.Run(body).GetAwaiter().GetResult();
}
