using System.Runtime.CompilerServices;
using Ecrm.Privacy;
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Storage;

/// <summary>
/// An erasure whose rewrite commits and then fails (a vacuum that runs out of disk), or whose log cannot be read back:
/// the graph must never keep serving what the log no longer holds.
/// </summary>
public sealed class FailingErasureTests
{
    [Fact]
    public async Task ARewriteThatCommitsAndThenFails_ShowsTheRewrittenLog_NotTheErasedPerson()
    {
        var store = (TestLogStore?)null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o));
        await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
        await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Phone(2)));
        store!.FailAfterRewrite = true;

        await Assert.ThrowsAsync<IOException>(async () => await h.Privacy.EraseAsync((await h.Graph.ResolveAsync(Phone(1)))!, "dpo"));

        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        Assert.Null(await h.Graph.ResolveAsync(Email(1)));
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(2)));
        store.FailAfterRewrite = false;
        await h.Graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(3)));
        Assert.Equal(3, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task ALogThatCannotBeReadBackAfterTheRewrite_ServesNothingUntilRebuilt()
    {
        var store = (TestLogStore?)null;
        await using var h = new GraphHarness(o => store = new TestLogStore(o));
        await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1), Email(1)));
        await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Phone(2)));
        store!.FailReadsAfterRewrite = true;

        var error = await Assert.ThrowsAsync<EcrmException>(async () => await h.Privacy.EraseAsync((await h.Graph.ResolveAsync(Phone(1)))!, "dpo"));

        Assert.Contains("rebuilt before the next write", error.Message, StringComparison.Ordinal);
        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        store.FailReadsAfterRewrite = false;
        await h.Graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(3))); // the write rebuilds first
        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        Assert.NotNull(await h.Graph.ResolveAsync(Phone(2)));
        Assert.Equal(3, (await h.Graph.GetStatisticsAsync()).Events);
    }

    /// <summary>A log in a list whose rewrite can commit and then throw, and whose reads can fail once rewritten.</summary>
    private sealed class TestLogStore(EcrmOptions options) : EventSourcedCustomerStore(options)
    {
        private readonly List<StoreLogEntry> _log = [];
        private bool _rewritten;

        public bool FailAfterRewrite { get; set; }

        public bool FailReadsAfterRewrite { get; set; }

        public override CustomerStoreMetadata Metadata { get; } = new("test-log", false, null);

        public override ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<ErasureRecord>>([]);

        protected override ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken)
        {
            lock (_log)
            {
                _log.AddRange(entries);
            }

            return ValueTask.CompletedTask;
        }

        protected override async IAsyncEnumerable<StoreLogEntry> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (FailReadsAfterRewrite && _rewritten)
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
                    _log[(int)entry.Sequence - 1] = entry;
                }
            }

            _rewritten = true;
            return FailAfterRewrite ? throw new IOException("vacuum: disk full (test)") : ValueTask.CompletedTask;
        }
    }
}
