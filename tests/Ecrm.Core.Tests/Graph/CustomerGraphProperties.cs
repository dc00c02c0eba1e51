using Ecrm.Storage.ConformanceTests;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Graph;

/// <summary>
/// Invariants of the customer graph over generated event histories drawn from a small universe of identities, so that
/// merges, weak links, unique-kind conflicts, references and equal timestamps happen often.
/// </summary>
[Properties(Arbitrary = [typeof(GraphArbitraries)], MaxTest = 150, EndSize = 40)]
public sealed class CustomerGraphProperties
{
    /// <summary>Devices count as shared after two strong identities: with 15 strong identities in the universe, often.</summary>
    private const int DeviceLimit = 2;
    private static readonly Action<EcrmOptions> SharedDevices = o => o.IdentityKinds["device"].SharedAfter = DeviceLimit;

    [Property]
    public bool Ingestion_IsIdempotent(History history) => Idempotent(history, null);

    [Property]
    public bool Ingestion_IsIdempotent_WithSharedDevices(History history) => Idempotent(history, SharedDevices);

    [Property]
    public bool Ingestion_IsOrderFree(History history) => OrderFree(history, null);

    [Property]
    public bool Ingestion_IsOrderFree_WithSharedDevices(History history) => OrderFree(history, SharedDevices);

    [Property]
    public bool Graph_StaysConsistent_ThroughMergesAndUndo(History history, int undoPick) => Consistent(history, undoPick, null);

    [Property]
    public bool Graph_StaysConsistent_ThroughMergesAndUndo_WithSharedDevices(History history, int undoPick) => Consistent(history, undoPick, SharedDevices);

    private static bool Idempotent(History history, Action<EcrmOptions>? configure)
    {
        return Run(async () =>
        {
            await using var h = TestGraph.Create(configure);
            await h.Graph.IngestBatchAsync(history.Events);
            var once = await GraphSnapshot.CaptureAsync(h);

            var replay = await h.Graph.IngestBatchAsync(history.Arrival);
            foreach (var batch in history.Batches)
            {
                await h.Graph.IngestBatchAsync(batch);
            }

            return replay.Duplicates == history.Events.Count && once == await GraphSnapshot.CaptureAsync(h);
        });
    }

    private static bool OrderFree(History history, Action<EcrmOptions>? configure)
    {
        return Run(async () =>
        {
            await using var inOrder = TestGraph.Create(configure);
            foreach (var e in history.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal))
            {
                await inOrder.Graph.IngestAsync(e);
            }

            await using var shuffled = TestGraph.Create(configure);
            foreach (var batch in history.Batches)
            {
                await shuffled.Graph.IngestBatchAsync(batch);
            }

            Assert.Equal(await GraphSnapshot.CaptureAsync(inOrder), await GraphSnapshot.CaptureAsync(shuffled));
            return true;
        });
    }

    private static bool Consistent(History history, int undoPick, Action<EcrmOptions>? configure)
    {
        return Run(async () =>
        {
            await using var h = TestGraph.Create(configure);
            var results = new List<IngestResult>();
            foreach (var batch in history.Batches)
            {
                results.AddRange((await h.Graph.IngestBatchAsync(batch)).Results);
            }

            await GraphInvariants.AssertAsync(h, history.Events, results, configure is null ? null : DeviceLimit);

            var merges = new List<MergeRecord>();
            await foreach (var p in h.Store.ScanCustomersAsync())
            {
                merges.AddRange(await h.Store.GetMergesAsync(p.Id));
            }

            if (merges.Count > 0)
            {
                var merge = merges[Math.Abs(undoPick % merges.Count)];
                var undo = await h.Graph.UndoMergeAsync(merge.Id);
                if (undo.SurvivorId == undo.RestoredId)
                {
                    return false;
                }

                await GraphInvariants.AssertAsync(h, history.Events, results, configure is null ? null : DeviceLimit);
            }

            return true;
        });
    }

    /// <summary>Runs an async property body to completion (the in-memory store completes synchronously anyway).</summary>
    private static bool Run(Func<Task<bool>> body) => Task.Run(body).GetAwaiter().GetResult();
}
