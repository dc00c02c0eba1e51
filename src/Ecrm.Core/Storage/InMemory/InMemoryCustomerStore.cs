using Ecrm.Privacy;

namespace Ecrm.Storage.InMemory;

/// <summary>The in-memory store: the event-sourced graph with its log in a list. Nothing survives the process.</summary>
internal sealed class InMemoryCustomerStore(EcrmOptions options) : EventSourcedCustomerStore(options)
{
    private readonly List<StoreLogEntry> _log = [];
    private readonly List<ErasureRecord> _erasures = [];

    public override CustomerStoreMetadata Metadata { get; } = new("memory", false, null);

    public override ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
    {
        lock (_erasures)
        {
            return ValueTask.FromResult<IReadOnlyList<ErasureRecord>>([.. _erasures]);
        }
    }

    protected override ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken)
    {
        lock (_log)
        {
            _log.AddRange(entries);
        }

        return ValueTask.CompletedTask;
    }

    protected override IAsyncEnumerable<StoreLogEntry> ReadLogAsync(CancellationToken cancellationToken)
    {
        StoreLogEntry[] copy;
        lock (_log)
        {
            copy = [.. _log];
        }

        return AsAsync(copy, cancellationToken);
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

        lock (_erasures)
        {
            _erasures.Add(record);
        }

        return ValueTask.CompletedTask;
    }
}
