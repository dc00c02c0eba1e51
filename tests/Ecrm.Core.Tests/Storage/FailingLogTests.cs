using System.Runtime.CompilerServices;
using Ecrm.Privacy;
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Extensions.DependencyInjection;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Storage;

/// <summary>
/// An event-sourced store whose log write fails, is held, or whose log cannot be read, and erasures whose rewrite
/// commits and then fails: what the graph shows must always be what the log holds (never an erased person), whether
/// the store folds after writing or while writing.
/// </summary>
public sealed class FailingLogTests
{
    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FailedWrite_LeavesNothingVisible_AndTheSameEventsAreAcceptedLater(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending));
        var first = Batch("a", 0, 100);
        Assert.Equal(100, (await h.Graph.IngestBatchAsync(first)).Accepted);
        var before = await GraphSnapshot.CaptureAsync(h);

        store!.FailWrites = true;
        var second = Batch("b", 50, 200); // returning customers (phones 50-99) and new ones
        await Assert.ThrowsAsync<IOException>(async () => await h.Graph.IngestBatchAsync(second));

        Assert.Equal(before, await GraphSnapshot.CaptureAsync(h));
        Assert.Null(await h.Store.GetEventAsync("b-0"));
        Assert.Equal(100, (await h.Graph.GetStatisticsAsync()).Events);

        store.FailWrites = false;
        var again = await h.Graph.IngestBatchAsync(second);
        Assert.Equal(200, again.Accepted); // released, not remembered as duplicates
        Assert.Equal(300, store.Logged);
        Assert.Equal(300, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task FailedWrite_WhenTheLogCannotBeReadEither_ShowsNothingUntilTheNextWriteRebuilds()
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending: true));
        Assert.Equal(100, (await h.Graph.IngestBatchAsync(Batch("a", 0, 100))).Accepted);

        store!.FailWrites = true;
        store.FailReads = true;
        await Assert.ThrowsAsync<IOException>(async () => await h.Graph.IngestBatchAsync(Batch("b", 50, 200)));

        // Nothing the log does not hold, and the log could not be read: nothing at all, rather than a guess.
        Assert.Equal(0, (await h.Graph.GetStatisticsAsync()).Events);
        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));

        store.FailWrites = false;
        store.FailReads = false;
        Assert.Equal(1, (await h.Graph.IngestBatchAsync([Event("c", 5000, EventType.Follow, Phone(1))])).Accepted);
        Assert.Equal(101, (await h.Graph.GetStatisticsAsync()).Events);
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(99)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task WhileTheWriteIsHeld_ReadersNeverSeeTheBatch(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending));
        for (var round = 0; round < 5; round++)
        {
            var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            store!.Hold = hold.Task;
            var ingest = h.Graph.IngestBatchAsync(Batch($"r{round}-", round * 1000, 100)).AsTask();

            // Readers on other threads while the write is held: they may wait, but whatever they return is pre-batch.
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                var e = await h.Store.GetEventAsync($"r{round}-0");
                var stats = await h.Store.GetStatisticsAsync();
                return (Seen: e is not null, stats.Events);
            })).ToList();
            await Task.Delay(50);
            foreach (var reader in readers.Where(r => r.IsCompleted))
            {
                var (seen, events) = await reader;
                Assert.False(seen);
                Assert.Equal(round * 100, events);
            }

            hold.SetResult();
            Assert.Equal(100, (await ingest).Accepted);
            await Task.WhenAll(readers);
            Assert.NotNull(await h.Store.GetEventAsync($"r{round}-0"));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CancelledAfterTheIdsAreReserved_ReleasesThem(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending));
        using var cancel = new CancellationTokenSource();
        store!.OnBeginWrite = cancel.Cancel; // cancelled under the writer lock, before the write and the fold

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await h.Graph.IngestBatchAsync(Batch("b", 0, 100), cancel.Token));
        store.OnBeginWrite = null;
        Assert.Equal(0, store.Logged);
        Assert.Equal(100, (await h.Graph.IngestBatchAsync(Batch("b", 0, 100))).Accepted);
        Assert.Equal(100, store.Logged);
    }

    [Fact]
    public async Task AnErasureWhoseRewriteCommitsAndThenFails_ShowsTheRewrittenLog_NotTheErasedPerson()
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending: false));
        await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
        await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Phone(2)));
        store!.FailAfterRewrite = true; // a vacuum that runs out of disk after the rewrite committed

        await Assert.ThrowsAsync<IOException>(async () => await h.Privacy.EraseAsync((await h.Graph.ResolveAsync(Phone(1)))!, "dpo"));

        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        Assert.Null(await h.Graph.ResolveAsync(Email(1)));
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(2)));
        store.FailAfterRewrite = false;
        await h.Graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(3)));
        Assert.Equal(3, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task AnErasureWhoseLogCannotBeReadBack_ServesNothingUntilRebuilt()
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending: false));
        await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
        await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Phone(2)));
        store!.FailReads = true; // the erasure reads the log only to rebuild, after its rewrite

        var error = await Assert.ThrowsAsync<EcrmException>(async () => await h.Privacy.EraseAsync((await h.Graph.ResolveAsync(Phone(1)))!, "dpo"));

        Assert.Contains("rebuilt before the next write", error.Message, StringComparison.Ordinal);
        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        store.FailReads = false;
        await h.Graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(3))); // the write rebuilds first
        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(2)));
        Assert.Equal(3, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FailedFold_AfterTheWrite_ShowsWhatTheLogHolds_AndTheBatchComesBackAsDuplicates(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending));
        var first = Batch("a", 0, 100);
        var second = Batch("b", 50, 200); // returning customers (phones 50-99) and new ones
        Assert.Equal(100, (await h.Graph.IngestBatchAsync(first)).Accepted);

        store!.FailFoldAfter = "b99"; // half-way through the batch, after its write
        var failure = await Record.ExceptionAsync(async () => await h.Graph.IngestBatchAsync(second));
        Assert.Equal(300, store.Logged);

        // The graph is the log's: the same as one that took both batches without a fault (before: the second half of
        // the batch stayed reserved and unseen until a restart).
        await using var expected = TestGraph.Create();
        await expected.Graph.IngestBatchAsync(first);
        await expected.Graph.IngestBatchAsync(second);
        Assert.NotNull(await h.Store.GetEventAsync("b199"));
        Assert.Equal(300, (await h.Graph.GetStatisticsAsync()).Events);
        Assert.Equal(await GraphSnapshot.CaptureAsync(expected), await GraphSnapshot.CaptureAsync(h));
        Assert.Equal(200, (await h.Graph.IngestBatchAsync(second)).Duplicates);

        var ex = Assert.IsType<StoreFoldException>(failure);
        Assert.True(ex.Rebuilt, ex.Message);
        Assert.Equal(200, ex.EntriesStored);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FailedFold_WhenTheRebuildFailsToo_KeepsWhatWasFolded_AndTheNextWriteRebuilds(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending));
        Assert.Equal(100, (await h.Graph.IngestBatchAsync(Batch("a", 0, 100))).Accepted);

        store!.FailFoldAfter = "b99";
        store.FailReads = true; // the rebuild fails too (OOM while building a second graph, or the same bug on replay)
        var ex = await Assert.ThrowsAsync<StoreFoldException>(async () => await h.Graph.IngestBatchAsync(Batch("b", 50, 200)));
        Assert.False(ex.Rebuilt);

        // The part-folded graph holds only events the log holds (a0..a99, b0..b99): it stays, rather than an empty one
        // (found in review: every customer, the first batch's too, disappeared for readers).
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(1)));
        Assert.Equal(200, (await h.Graph.GetStatisticsAsync()).Events);

        store.FailReads = false; // the next write rebuilds from the log first
        Assert.Equal(1, (await h.Graph.IngestBatchAsync([Event("c", 5000, EventType.Follow, Phone(1))])).Accepted);
        Assert.Equal(301, (await h.Graph.GetStatisticsAsync()).Events);
        Assert.NotNull(await h.Store.GetEventAsync("b199"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FailedFold_ObserversHearOfTheBatchsChanges_WithTheNextChangeSet(bool foldWhileAppending)
    {
        TestLogStore? store = null;
        var observer = new Recording();
        var services = new ServiceCollection();
        services.AddSingleton<ICustomerChangeObserver>(observer);
        services.AddEcrm().UseStore(sp => store = new TestLogStore(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EcrmOptions>>().Value, foldWhileAppending));
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();

        var a = (await graph.IngestAsync(Event("x1", 0, EventType.Follow, Phone(1)))).CustomerId!;
        var b = (await graph.IngestAsync(Event("x2", 1, EventType.Follow, Email(2)))).CustomerId!;
        Assert.NotEqual(a, b);

        // A batch whose first event merges b into a; the fold fails after it (batch large enough for both modes).
        CustomerEvent[] batch = [Event("m", 2, EventType.Follow, Phone(1), Email(2)), .. Batch("z", 10, 100)];
        store!.FailFoldAfter = "m";
        await Assert.ThrowsAsync<StoreFoldException>(async () => await graph.IngestBatchAsync(batch));
        Assert.Equal(a, await graph.ResolveAsync(Email(2))); // the rebuilt graph has the merge

        // An observer keeping a row per customer (insights) hears with the next change set that b went into a, and of
        // the batch's other customers (found in review: b stayed a ghost row, the new customers were never heard of).
        await graph.IngestAsync(Event("later", 500, EventType.Follow, Phone(90)));
        var heard = observer.Seen.Last();
        Assert.Equal(a, heard.Removed[b]);
        Assert.Contains(a, heard.Changed);
        Assert.Contains(await graph.ResolveAsync(Phone(15)), heard.Changed);
    }

    [Fact]
    public async Task FailedFold_AndFailedWrite_WhileAppending_ReportTheWrite_AndRestoreTheGraph()
    {
        TestLogStore? store = null;
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) => { lock (unobserved) { unobserved.AddRange(e.Exception.InnerExceptions); } };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending: true));
            Assert.Equal(100, (await h.Graph.IngestBatchAsync(Batch("a", 0, 100))).Accepted);
            var before = await GraphSnapshot.CaptureAsync(h);
            store!.FailFoldAfter = "b99";
            store.FailWrites = true;
            await Assert.ThrowsAsync<IOException>(async () => await h.Graph.IngestBatchAsync(Batch("b", 50, 200)));
            Assert.Equal(before, await GraphSnapshot.CaptureAsync(h));
        }
        finally
        {
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            TaskScheduler.UnobservedTaskException -= handler;
        }

        // The fold's own failure is neither logged nor attached to the IOException: it surfaces only here, if at all.
        Assert.DoesNotContain(unobserved, e => e is InvalidOperationException);
    }

    [Fact]
    public async Task FailedUndo_AfterItsLogEntry_ShowsTheUndoneMerge()
    {
        TestLogStore? store = null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o, foldWhileAppending: false));
        await h.Graph.IngestAsync(Event("u1", 0, EventType.Follow, Phone(1)));
        await h.Graph.IngestAsync(Event("u2", 1, EventType.Follow, Email(1)));
        var merged = await h.Graph.IngestAsync(Event("u3", 2, EventType.Purchase, Phone(1), Email(1)));
        var merge = Assert.Single(await h.Store.GetMergesAsync(merged.CustomerId!));

        store!.FailUndo = true;
        var failure = await Record.ExceptionAsync(async () => await h.Graph.UndoMergeAsync(merge.Id));

        // The log holds the undo: the graph rebuilt from it shows the undo, and the caller learns the change is kept. (The
        // seam fails after the undo is folded, so this checks the recovery, not a torn graph: the batch test has that.)
        await using var expected = TestGraph.Create();
        foreach (var e in new[] { Event("u1", 0, EventType.Follow, Phone(1)), Event("u2", 1, EventType.Follow, Email(1)), Event("u3", 2, EventType.Purchase, Phone(1), Email(1)) })
        {
            await expected.Graph.IngestAsync(e);
        }

        await expected.Graph.UndoMergeAsync(merge.Id);
        Assert.NotEqual(await h.Graph.ResolveAsync(Phone(1)), await h.Graph.ResolveAsync(Email(1)));
        Assert.Equal(await GraphSnapshot.CaptureAsync(expected), await GraphSnapshot.CaptureAsync(h));
        var ex = Assert.IsType<StoreFoldException>(failure);
        Assert.True(ex.Rebuilt, ex.Message);
        Assert.Equal(1, ex.EntriesStored);
    }

    private sealed class Recording : ICustomerChangeObserver
    {
        public List<CustomerChangeSet> Seen { get; } = [];

        public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add(changes);
            }

            return ValueTask.CompletedTask;
        }
    }

    private static CustomerEvent[] Batch(string prefix, int firstPhone, int count)
        => [.. Enumerable.Range(0, count).Select(i => Event($"{prefix}{i}", (firstPhone * 10) + i, EventType.Purchase, Phone(firstPhone + i), Email(firstPhone + i)))];

    /// <summary>A log in a list, with switches for failing writes, reads and rewrites and for holding a write.</summary>
    private sealed class TestLogStore(EcrmOptions options, bool foldWhileAppending) : EventSourcedCustomerStore(options)
    {
        private readonly List<StoreLogEntry> _log = [];

        public bool FailWrites { get; set; }

        public bool FailReads { get; set; }

        /// <summary>Gets or sets whether a rewrite, once applied, throws (as a vacuum after the commit can).</summary>
        public bool FailAfterRewrite { get; set; }

        public Task? Hold { get; set; }

        public Action? OnBeginWrite { get; set; }

        /// <summary>Gets or sets the id of an event after whose fold the fold fails (once).</summary>
        public string? FailFoldAfter { get; set; }

        /// <summary>Gets or sets whether the next undo fails after it is folded.</summary>
        public bool FailUndo { get; set; }

        public int Logged
        {
            get
            {
                lock (_log)
                {
                    return _log.Count;
                }
            }
        }

        public override CustomerStoreMetadata Metadata { get; } = new("test-log", false, null);

        protected override bool FoldsWhileAppending => foldWhileAppending;

        internal override void Undone(string mergeId)
        {
            if (FailUndo)
            {
                FailUndo = false;
                throw new InvalidOperationException("A fault injected after undoing " + mergeId + ".");
            }
        }

        internal override void Folded(CustomerEvent customerEvent)
        {
            if (customerEvent.Id == FailFoldAfter)
            {
                FailFoldAfter = null;
                throw new InvalidOperationException("A fault injected after folding " + customerEvent.Id + ".");
            }
        }

        public override ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<ErasureRecord>>([]);

        protected override ValueTask<(IReadOnlyList<StoreLogEntry> Missed, bool Rebuild)> BeginWriteAsync(CancellationToken cancellationToken)
        {
            OnBeginWrite?.Invoke();
            return base.BeginWriteAsync(cancellationToken);
        }

        protected override async ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Hold is { } hold)
            {
                Hold = null;
                await hold;
            }

            if (FailWrites)
            {
                throw new IOException("disk full (test)");
            }

            lock (_log)
            {
                _log.AddRange(entries);
            }
        }

        protected override async IAsyncEnumerable<StoreLogEntry> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (FailReads)
            {
                throw new IOException("cannot read (test)");
            }

            StoreLogEntry[] copy;
            lock (_log)
            {
                copy = [.. _log];
            }

            foreach (var entry in copy)
            {
                await Task.Yield();
                yield return entry;
            }
        }

        protected override ValueTask RewriteAsync(IReadOnlyList<StoreLogEntry> events, ErasureRecord record, CancellationToken cancellationToken)
        {
            lock (_log)
            {
                foreach (var entry in events)
                {
                    _log[(int)entry.Sequence - 1] = entry; // sequences start at 1 and have no gaps
                }
            }

            return FailAfterRewrite ? throw new IOException("vacuum: disk full (test)") : ValueTask.CompletedTask;
        }
    }
}
