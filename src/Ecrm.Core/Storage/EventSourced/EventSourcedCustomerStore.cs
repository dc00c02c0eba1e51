using Ecrm.Graph.Engine;
using Ecrm.Privacy;
using Ecrm.Telemetry;

namespace Ecrm.Storage;

/// <summary>
/// The base of every shipped store: the customer graph is a fold over an append-only log of accepted events (and merge
/// undos), kept in memory for reads and rebuilt from the log when the store opens. A derived store only has to make
/// the log durable (<see cref="AppendAsync"/>, <see cref="ReadLogAsync"/>, <see cref="RewriteAsync"/>). Because the
/// graph is order-free and deterministic, the log alone is the source of truth: any replay yields the same customers,
/// ids, merges and conflicts.
/// </summary>
public abstract class EventSourcedCustomerStore : CustomerStore
{
    private const int MinFoldWhileAppending = 64; // below this, handing the fold to another thread costs more than it saves
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly WriteBatch.Pool _batches = new();
    private readonly EcrmOptions _options;
    private GraphState _graph;
    private long _sequence;
    private bool _indexBehind; // the last index write failed: the next one rewrites the index whole
    private bool _stale; // the graph was dropped after a failed write whose rebuild failed too: rebuild before the next write
    private ErasureShield? _shield; // while an erasure runs: what readers may no longer see
    private readonly StoreOpening _opening;
    private CustomerChangeSet? _external; // what a rebuild after another instance's erasure changed, until the next change set
    private IndexedReads? _cold; // while the graph is not in memory: reads come from the store's graph index
    private Task? _loading; // the replay that brings the graph into memory, once the first operation needs it
    private int _coldReaders; // reads under way from the index: the graph is not changed until they are done
    private volatile bool _inMemory; // the graph is in memory and no read from the index is under way: writes may proceed
    private readonly CancellationTokenSource _closing = new(); // cancels a replay under way when the store is disposed
    private TaskCompletionSource? _committing; // while a write on a working set commits: reads from the index wait for it
    private volatile bool _indexSuspect; // a working set did not give what the index holds: the next replay rewrites the index whole
    private readonly string _fingerprint;

    /// <summary>
    /// Initializes a store that is not open yet: nothing is read here, so a store can be built inside a DI factory.
    /// The first operation, or <see cref="OpenAsync"/>, opens it (<see cref="OpenLogAsync"/>, then the log is replayed).
    /// </summary>
    /// <param name="options">The graph's options (identity kinds, default currency).</param>
    protected EventSourcedCustomerStore(EcrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _graph = NewGraph();
        _opening = new StoreOpening(OpenGraphAsync);
        _fingerprint = GraphIndexFingerprint.Of(options);
    }

    /// <inheritdoc />
    public override StoreOpenStatus OpenStatus => _opening.Status;

    /// <inheritdoc />
    /// <remarks>
    /// Opens the log (<see cref="OpenLogAsync"/>: connect, migrate) and replays it into a graph that readers see only
    /// once it is complete. Progress is reported every 4,096 entries.
    /// </remarks>
    public override ValueTask<StoreOpenStatus> OpenAsync(IProgress<StoreOpenStatus>? progress = null, CancellationToken cancellationToken = default)
        => _opening.OpenAsync(progress, cancellationToken, cancelsOpening: true);

    /// <summary>Opens the store unless it is open: every operation starts with this.</summary>
    /// <param name="cancellationToken">Cancels the wait (not an opening others wait for too).</param>
    /// <returns>A task that completes when the store is open.</returns>
    protected ValueTask EnsureOpenAsync(CancellationToken cancellationToken)
        => _opening.IsOpen ? ValueTask.CompletedTask : WaitOpenAsync(cancellationToken);

    /// <summary>
    /// Opens the durable log before it is replayed: connects, checks or migrates the schema, takes the locks the store
    /// holds while open. Called by the opening, never concurrently; called again after a failed opening, so it must
    /// cope with what a failed call left (the default does nothing).
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the opening.</param>
    /// <returns>A task that completes when the log can be read.</returns>
    /// <exception cref="EcrmException">The log cannot be opened.</exception>
    protected virtual ValueTask OpenLogAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Called once the graph is replayed and served, as the last step of the opening: a shared store starts hearing
    /// other instances' writes here (never earlier, so a catch-up never waits for, or restarts, the opening).
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the opening.</param>
    /// <returns>A task that completes when done.</returns>
    protected virtual ValueTask OnOpenedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Cancels an opening under way and waits until it has stopped: a derived store calls this first when disposed,
    /// before releasing the connections an opening may still be creating.
    /// </summary>
    /// <returns>A task that completes when no opening runs.</returns>
    protected ValueTask StopOpeningAsync() => new(_opening.StopAsync());

    private async ValueTask WaitOpenAsync(CancellationToken cancellationToken)
        => await _opening.OpenAsync(null, cancellationToken, cancelsOpening: false).ConfigureAwait(false);

    private async Task<long> OpenGraphAsync(Action<long> progress, CancellationToken cancellationToken)
    {
        await OpenLogAsync(cancellationToken).ConfigureAwait(false);
        if (Index is { } index)
        {
            var logged = await ReadLastSequenceAsync(cancellationToken).ConfigureAwait(false);
            var (indexed, fingerprint) = await index.ReadStateAsync(cancellationToken).ConfigureAwait(false);
            if (logged > 0 && indexed == logged && fingerprint == _fingerprint)
            {
                // The index holds the graph as of the log's last entry: open without reading the log.
                Interlocked.Exchange(ref _sequence, logged);
                Volatile.Write(ref _cold, new IndexedReads(index, new IdentityPolicy(_options), _options.DefaultCurrency));
                await OnOpenedAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
        }

        var (graph, sequence, read) = await ReadGraphAsync(progress, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _graph = graph;
            Interlocked.Exchange(ref _sequence, sequence);
        }

        _inMemory = true;
        await WriteIndexAsync(force: true).ConfigureAwait(false); // none yet, behind the log or of other options: rewritten whole
        await OnOpenedAsync(cancellationToken).ConfigureAwait(false);
        return read;
    }

    /// <summary>
    /// Gets the graph index this store keeps beside its log, or null (the default) when it keeps none. With an
    /// index, the store writes the rows each unit of work changed after it (<see cref="IGraphIndex.WriteAsync"/>),
    /// opens without reading the log when the index reflects the log's last entry, and serves reads from the index
    /// until an operation needs the graph in memory (a write, a scan, an event by id), which then replays the log.
    /// </summary>
    protected virtual IGraphIndex? Index => null;

    /// <summary>
    /// Reads the sequence of the log's last entry, to tell whether the index is complete (only called when
    /// <see cref="Index"/> is not null; the default, -1, never matches an index).
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The last sequence, 0 for an empty log.</returns>
    protected virtual ValueTask<long> ReadLastSequenceAsync(CancellationToken cancellationToken) => ValueTask.FromResult(-1L);

    /// <summary>Gets a value indicating whether reads are served from the graph index because the graph is not in memory.</summary>
    public bool ReadsFromIndex => Volatile.Read(ref _cold) is not null;

    /// <summary>Brings the graph into memory if the store opened from its index: every write and every read the index cannot serve starts with this.</summary>
    private ValueTask EnsureGraphAsync(CancellationToken cancellationToken)
    {
        if (_inMemory)
        {
            return ValueTask.CompletedTask;
        }

        Task loading;
        lock (_gate)
        {
            loading = _loading ??= Task.Run(LoadGraphAsync, CancellationToken.None);
        }

        return new(loading.WaitAsync(cancellationToken));
    }

    private async Task LoadGraphAsync()
    {
        var writing = false;
        try
        {
            // Writes on a working set go on while the graph is not in memory: the replay waits for the one under way
            // and keeps the next from starting, so that it reads the log as the index holds it.
            await _writer.WaitAsync(_closing.Token).ConfigureAwait(false);
            writing = true;
            var (graph, sequence, _) = await ReadGraphAsync(null, _closing.Token).ConfigureAwait(false);
            // The index is complete (the opening checked its sequence and fingerprint): it holds these rows already,
            // unless its sizes say otherwise, and then it is rewritten whole by the next write.
            var (indexed, _) = await Index!.ReadStatisticsAsync(_closing.Token).ConfigureAwait(false);
            _indexBehind = _indexSuspect || indexed != new IndexedGraphStatistics(graph.CustomerCount, graph.IdentityCount, graph.EventCount, graph.MergeCount, graph.ConflictCount);
            _ = graph.KeepIndex(rows: false);
            lock (_gate)
            {
                _graph = graph;
                Interlocked.Exchange(ref _sequence, sequence);
            }

            Interlocked.Exchange(ref _cold, null); // a full fence: a reader that enters after it reads the graph
            WaitForColdReaders(); // reads from the index finish before anything writes it

            _inMemory = true;
        }
        catch
        {
            lock (_gate)
            {
                _loading = null; // the next operation tries again
            }

            throw;
        }
        finally
        {
            if (writing)
            {
                _writer.Release();
            }
        }
    }

    /// <summary>
    /// Starts a read from the index, or returns null when the graph is in memory (then read it). A read of one customer
    /// is several statements: it waits while a write on a working set commits, and a commit waits for the reads under
    /// way, so that no read sees part of the index before a batch and part after it.
    /// </summary>
    private async ValueTask<IndexedReads?> EnterColdAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Volatile.Read(ref _committing) is { } committing)
            {
                await committing.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _coldReaders); // a full fence: the commit that starts after it waits for this read
            if (Volatile.Read(ref _committing) is null)
            {
                break;
            }

            Interlocked.Decrement(ref _coldReaders);
        }

        if (Volatile.Read(ref _cold) is { } cold)
        {
            return cold;
        }

        Interlocked.Decrement(ref _coldReaders);
        return null;
    }

    private void ExitCold() => Interlocked.Decrement(ref _coldReaders);

    /// <summary>
    /// Gets how many index rows may wait in memory before they are written (see <see cref="FlushIndexAsync"/>); the
    /// default is 250,000. Rows of the same key collapse while they wait, and a large write dirties each page of the
    /// index's tables once rather than once a row: a unit of work's rows, written alone, would cost about a page each.
    /// </summary>
    protected virtual int IndexFlushRows => 250_000;

    /// <summary>
    /// Writes the graph-index rows that are waiting, so that the next opening reads the index instead of the log. The
    /// store writes them on its own when <see cref="IndexFlushRows"/> are waiting and when it is disposed; a host calls
    /// this to bound the replay that a crash would cost. A no-op for a store without an index.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the wait for the writer lock.</param>
    /// <returns>A task that completes when the rows are written (or the write failed, which leaves the index behind the log: see <see cref="IGraphIndex"/>).</returns>
    public async ValueTask FlushIndexAsync(CancellationToken cancellationToken = default)
    {
        if (Index is null || !_opening.IsOpen || !_inMemory)
        {
            return; // nothing waits: the index is complete while reads come from it
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteIndexAsync(force: true).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Writes the index rows collected since the last write when enough wait (or when forced), the whole index when the
    /// graph was replaced or the last write failed; under the writer lock. A failed write leaves the index behind the
    /// log, which the next write rewrites and an opening never uses: the graph in memory and the log are right either way.
    /// </summary>
    private async ValueTask WriteIndexAsync(bool force)
    {
        if (Index is not { } index)
        {
            return;
        }

        if (_stale)
        {
            // The graph in memory is not the log's (a fold or a rebuild failed): nothing of it may reach the index,
            // which is rewritten whole once the graph is rebuilt.
            _indexBehind = true;
            return;
        }

        GraphIndexChanges rows;
        lock (_gate)
        {
            var whole = _graph.IndexRows is null || _indexBehind;
            if (!whole && !force && _graph.IndexRows!.Count < IndexFlushRows)
            {
                return;
            }

            rows = whole ? _graph.KeepIndex() : _graph.TakeIndexRows()!;
            rows.Sequence = LastSequence;
            rows.Fingerprint = _fingerprint;
            rows.Statistics = new IndexedGraphStatistics(_graph.CustomerCount, _graph.IdentityCount, _graph.EventCount, _graph.MergeCount, _graph.ConflictCount);
        }

        // A trace of each write (its rows, whether whole), and of a failure, which is otherwise only a slower next opening.
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.store.index-write");
        activity?.SetTag("ecrm.store.location", Metadata.Location);
        activity?.SetTag("ecrm.index.rows", rows.Count);
        activity?.SetTag("ecrm.index.whole", rows.Replaces);
        try
        {
            await index.WriteAsync(rows, CancellationToken.None).ConfigureAwait(false);
            _indexBehind = false;
        }
        catch (Exception ex)
        {
            _indexBehind = true;
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
        }
    }

    /// <summary>
    /// Gets a value indicating whether a large batch is folded into the graph on another core while its log entries are
    /// written, rather than after. Readers wait until both are done, so they still never see an event the log does
    /// not hold; if the write fails, the graph is rebuilt from the log. Worth it when <see cref="AppendAsync"/> costs
    /// as much as the fold or more (a database); the default is false.
    /// </summary>
    protected virtual bool FoldsWhileAppending => false;

    /// <summary>Gets the last sequence number written to the log.</summary>
    protected long LastSequence => Interlocked.Read(ref _sequence);

    /// <summary>
    /// Applies a batch: the events the graph has not seen are first appended to the durable log (one transaction in
    /// durable stores), then folded into the graph, so nothing a caller was told is accepted can be lost and readers
    /// never see an event the log does not hold.
    /// </summary>
    public override async ValueTask<StoreApplyResult> ApplyAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        if (WritesOnWorkingSets && !_inMemory && Index is { } index
            && await TryApplyOnWorkingSetAsync(index, events, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        using var batch = _batches.Rent(events); // ordered before the writer lock, so concurrent callers sort in parallel
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            Reserve(_graph, batch);
            if (batch.FreshCount >= MinFoldWhileAppending && FoldsWhileAppending && Environment.ProcessorCount > 1)
            {
                var folded = await FoldWhileAppendingAsync(batch, cancellationToken).ConfigureAwait(false);
                await WriteIndexAsync(force: false).ConfigureAwait(false);
                return folded;
            }

            if (batch.FreshCount > 0)
            {
                try
                {
                    await AppendAsync(batch.Fresh, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    lock (_gate)
                    {
                        _graph.Release(batch.Reserved);
                    }

                    throw;
                }

                Interlocked.Exchange(ref _sequence, batch.LastSequence);
            }

            var applied = await ApplyInOrderAsync(batch).ConfigureAwait(false);
            if (batch.FreshCount > 0)
            {
                await WriteIndexAsync(force: false).ConfigureAwait(false);
            }

            return applied;
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public override ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken = default)
        => FromIndexOrGraphAsync(
            (cold, ct) => cold.ResolveAsync(identity, ct),
            () => _shield?.Hides(identity) == true ? null : _graph.Resolve(identity),
            cancellationToken);

    /// <inheritdoc />
    public override ValueTask<string?> ResolveIdAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return FromIndexOrGraphAsync(
            (cold, ct) => cold.ResolveIdAsync(customerId, ct),
            () =>
            {
                var live = _graph.Customers.ResolveId(customerId);
                return _shield?.Hides(live) == true ? null : live;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<CustomerProfile?> GetProfileAsync(string customerId, CancellationToken cancellationToken = default)
        => Read(customerId, c => _graph.Projections.Profile(c), (c, _) => ValueTask.FromResult(c.Profile()), withEvents: true, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<TimelinePage?> GetTimelineAsync(string customerId, TimelineQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(customerId, c => _graph.Projections.Timeline(c, query), (c, _) => ValueTask.FromResult(c.Timeline(query)), withEvents: true, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<CustomerRelation>> GetRelationsAsync(string customerId, CancellationToken cancellationToken = default)
        => await Read(customerId, c => _graph.Projections.Relations(c), (c, ct) => c.RelationsAsync(ct), withEvents: true, cancellationToken).ConfigureAwait(false) ?? [];

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<MergeRecord>> GetMergesAsync(string customerId, CancellationToken cancellationToken = default)
        => await Read(customerId, c => CustomerProjections.Merges(c), (c, _) => ValueTask.FromResult(c.Merges), withEvents: false, cancellationToken).ConfigureAwait(false) ?? [];

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<IdentityConflict>> GetConflictsAsync(string? customerId, CancellationToken cancellationToken = default)
    {
        if (customerId is not null)
        {
            return await Read(customerId, c => CustomerProjections.Conflicts(c), (c, _) => ValueTask.FromResult(c.Conflicts), withEvents: false, cancellationToken).ConfigureAwait(false) ?? [];
        }

        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);

        lock (_gate)
        {
            return [.. _graph.AllConflicts().Where(c => _shield?.Hides(c) != true)];
        }
    }

    /// <inheritdoc />
    public override async ValueTask<UndoMergeResult> UndoMergeAsync(string mergeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mergeId);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        if (WritesOnWorkingSets && !_inMemory && Index is { } index
            && await TryUndoOnWorkingSetAsync(index, mergeId, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Identity> touched;
            lock (_gate)
            {
                if (!_graph.HasMerge(mergeId))
                {
                    throw new MergeNotFoundException(mergeId);
                }

                touched = _graph.IdentitiesOfMerge(mergeId);
            }

            var entry = StoreLogEntry.ForUndo(LastSequence + 1, mergeId);
            await AppendAsync([entry], cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _sequence, entry.Sequence);
            UndoMergeResult result;
            try
            {
                lock (_gate)
                {
                    var (survivor, restored) = _graph.UndoMerge(mergeId);
                    Undone(mergeId);
                    result = new UndoMergeResult(mergeId, survivor, restored, TakeChanges());
                }
            }
            catch (Exception ex)
            {
                throw await FoldFailedAsync(1, touched, ex).ConfigureAwait(false);
            }

            await WriteIndexAsync(force: false).ConfigureAwait(false);
            return result;
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask<CustomerEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var stored = _graph.FindEvent(eventId);
            return _shield is { } shield ? shield.Version(stored) : stored;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<CustomerProfile> ScanCustomersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        string[] ids;
        lock (_gate)
        {
            ids = [.. _graph.Customers.Live.Select(c => c.Id)];
        }

        Array.Sort(ids, StringComparer.Ordinal);
        foreach (var profile in ScanChunks(ids))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return profile;
        }
    }

    /// <summary>Builds profiles a chunk at a time, so a long scan never holds the lock for long.</summary>
    private IEnumerable<CustomerProfile> ScanChunks(string[] ids)
    {
        const int ChunkSize = 256;
        var chunk = new List<CustomerProfile>(ChunkSize);
        for (var start = 0; start < ids.Length; start += ChunkSize)
        {
            chunk.Clear();
            lock (_gate)
            {
                foreach (var id in ids.AsSpan(start, Math.Min(ChunkSize, ids.Length - start)))
                {
                    // A customer merged away since the scan began is skipped: its survivor is (or was) listed itself.
                    if (_graph.Customers.Find(id) is { } c && c.Id == id && _shield?.Hides(c) != true)
                    {
                        chunk.Add(_graph.Projections.Profile(c));
                    }
                }
            }

            foreach (var profile in chunk)
            {
                yield return profile;
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => FromIndexOrGraphAsync(
            (cold, ct) => cold.StatisticsAsync(ct),
            () =>
            {
                long prospects = 0;
                foreach (var c in _graph.Customers.Live)
                {
                    if (_graph.Projections.IsProspect(c))
                    {
                        prospects++;
                    }
                }

                return new GraphStatistics(_graph.CustomerCount, prospects, _graph.IdentityCount, _graph.EventCount, _graph.MergeCount, _graph.ConflictCount);
            },
            cancellationToken);

    /// <inheritdoc />
    internal override ValueTask<(long Customers, long Events)> CountAsync(CancellationToken cancellationToken)
        => FromIndexOrGraphAsync((cold, ct) => cold.SizesAsync(ct), () => (_graph.CustomerCount, _graph.EventCount), cancellationToken);

    /// <inheritdoc />
    public override ValueTask<Customer360?> GetCustomer360Async(string customerId, int timelineLength, CancellationToken cancellationToken = default)
        => Read(
            customerId,
            c => new Customer360
            {
                Profile = _graph.Projections.Profile(c),
                Timeline = timelineLength == 0 ? new TimelinePage([], null) : _graph.Projections.Timeline(c, new TimelineQuery { Limit = timelineLength }),
                Related = _graph.Projections.Relations(c),
                Merges = CustomerProjections.Merges(c),
                Conflicts = CustomerProjections.Conflicts(c),
            },
            async (c, ct) => new Customer360
            {
                Profile = c.Profile(),
                Timeline = timelineLength == 0 ? new TimelinePage([], null) : c.Timeline(new TimelineQuery { Limit = timelineLength }),
                Related = await c.RelationsAsync(ct).ConfigureAwait(false),
                Merges = c.Merges,
                Conflicts = c.Conflicts,
            },
            withEvents: true,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The customer's own events are anonymised; every other event that carries one of their identities (after a
    /// unique-kind conflict or an undone merge) or names them as author or referrer loses those identities or has them
    /// replaced by the pseudonym, so no erased identity is left to resolve to anyone. From the start of the erasure,
    /// readers no longer see the customer, their identities or their events' old versions; the graph is rebuilt
    /// beside the one readers use and swapped in when complete, so every other customer stays readable throughout.
    /// </remarks>
    public override async ValueTask<(ErasureRecord Record, CustomerChangeSet Changes)> EraseCustomerAsync(string customerId, ErasureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(request);
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            List<StoreLogEntry> rewritten = [];
            HashSet<string> touched = new(StringComparer.Ordinal);
            ErasureRecord record;
            lock (_gate)
            {
                var customer = _graph.Customers.Find(customerId) ?? throw new EcrmException($"Erasure: expected a known customer id, received '{customerId}'.");
                var identities = customer.Nodes.ToArray().Select(n => n.Identity).ToArray();
                var anonymizer = new CustomerAnonymizer(identities);
                foreach (var stored in _graph.EventsOf(customer))
                {
                    rewritten.Add(StoreLogEntry.ForEvent(stored.Sequence, anonymizer.Erase(stored.Event)));
                }

                foreach (var stored in _graph.AllEvents)
                {
                    if (stored.Customer != customer && anonymizer.Mentions(stored.Event))
                    {
                        rewritten.Add(StoreLogEntry.ForEvent(stored.Sequence, anonymizer.Redact(stored.Event)));
                        touched.Add(_graph.Customers.LiveIdOf(stored.Customer!) ?? stored.Customer!.Id);
                    }
                }

                record = new ErasureRecord(
                    "era_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)),
                    customer.Id,
                    anonymizer.Pseudonym.ToString(),
                    rewritten.Count,
                    identities.Length,
                    request.RequestedBy,
                    request.Reason,
                    request.At);
                _shield = new ErasureShield(customer.Id, anonymizer, rewritten);
            }

            try
            {
                _stale = true; // until the rewritten log is read back: a failure from here on rebuilds before the next write
                try
                {
                    await RewriteAsync(rewritten, record, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // The rewrite may have committed and failed after (a vacuum): show what the log now holds.
                    await ShowTheLogAsync().ConfigureAwait(false);
                    throw;
                }

                Dictionary<string, string> removed;
                try
                {
                    removed = await RebuildAsync(CancellationToken.None).ConfigureAwait(false); // the log has changed: no turning back
                }
                catch (Exception ex)
                {
                    lock (_gate)
                    {
                        _graph = NewGraph(); // nothing rather than what the log no longer holds; rebuilt before the next write
                    }

                    throw new EcrmException($"Erasure {record.Id}: the log was rewritten, but the graph could not be read back from it ({ex.Message}); it is rebuilt before the next write.", ex);
                }

                await WriteIndexAsync(force: true).ConfigureAwait(false); // the rebuilt graph, whole (the rewrite emptied the index)
                return (record, ErasureChanges(record, touched, removed));
            }
            finally
            {
                lock (_gate)
                {
                    _shield = null;
                }
            }
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            _writer.Release();
        }
    }

    /// <summary>Replaces the graph with one replayed from the log, or an empty, stale one if the log cannot be read.</summary>
    private async ValueTask ShowTheLogAsync()
    {
        var rebuilt = await TryReadGraphAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _graph = rebuilt.Graph;
            Interlocked.Exchange(ref _sequence, rebuilt.Sequence);
        }

        _stale = rebuilt.Stale;
    }

    /// <summary>
    /// What an erasure changed: the customers whose events were redacted, under the ids they have now, and the erased
    /// customer, whose id may not survive (when another customer's event had founded it, its pseudonymised events
    /// found it anew).
    /// </summary>
    private CustomerChangeSet ErasureChanges(ErasureRecord record, HashSet<string> touched, Dictionary<string, string> removed)
    {
        lock (_gate)
        {
            var changed = touched
                .Select(id => removed.GetValueOrDefault(id, id))
                .Where(id => _graph.Customers.ResolveId(id) is not null)
                .Append(_graph.Resolve(Identity.Parse(record.Pseudonym)) ?? record.CustomerId)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new CustomerChangeSet(changed, removed) { Erased = [record.CustomerId] };
        }
    }

    /// <summary>
    /// Folds in what other writers appended to a shared log since this instance last looked (for stores shared by
    /// several processes, such as PostgreSQL); a no-op for stores with one writer. Writes do this on their own; a host
    /// calls it to refresh reads.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The customers changed by others' entries.</returns>
    public async ValueTask<CustomerChangeSet> SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureGraphAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                return TakeChanges();
            }
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            _writer.Release();
        }
    }

    /// <summary>
    /// Called before every write (and by <see cref="SynchronizeAsync"/>), under the store's writer lock: a shared store
    /// takes its cross-process lock here and returns the entries others appended after <see cref="LastSequence"/>, or
    /// asks for a full rebuild (after another instance erased a customer). The default returns nothing.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What to fold in.</returns>
    protected virtual ValueTask<(IReadOnlyList<StoreLogEntry> Missed, bool Rebuild)> BeginWriteAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<(IReadOnlyList<StoreLogEntry>, bool)>(([], false));

    /// <summary>Called after every write, whether it succeeded or not (a shared store releases its lock here).</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask EndWriteAsync() => ValueTask.CompletedTask;

    private async ValueTask CatchUpAsync(CancellationToken cancellationToken)
    {
        var (missed, rebuild) = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (rebuild || _stale)
        {
            _stale = true; // the shared store has already noted the new epoch: if this rebuild fails, the next write retries it
            var removed = await RebuildAsync(cancellationToken).ConfigureAwait(false);
            if (rebuild)
            {
                // Another instance erased someone. The audit names whom (erasures are rare: the list is short), and
                // observers drop the erased customers whichever instance erased them.
                var erased = (await GetErasuresAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).ToList();
                lock (_gate)
                {
                    _external = Combine(_external, new CustomerChangeSet([.. removed.Values.Distinct(StringComparer.Ordinal)], removed) { Erased = erased });
                }
            }
        }
        else if (missed.Count > 0)
        {
            Replay([.. missed]);
        }
    }

    /// <summary>Appends entries to the durable log; when this returns, they must survive a crash.</summary>
    /// <param name="entries">The entries, in sequence; the list is reused after the call, so copy what must be kept.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the entries are durable.</returns>
    protected abstract ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads the whole log in sequence (to rebuild the graph after an erasure).</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The entries.</returns>
    protected abstract IAsyncEnumerable<StoreLogEntry> ReadLogAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces logged events (by sequence) with their anonymised versions and records the erasure, atomically; then
    /// makes sure the old versions' bytes are gone (checkpoint, vacuum).
    /// </summary>
    /// <param name="events">The rewritten entries: the logged entries' sequences with the anonymised events.</param>
    /// <param name="record">The audit record.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when done.</returns>
    protected abstract ValueTask RewriteAsync(IReadOnlyList<StoreLogEntry> events, ErasureRecord record, CancellationToken cancellationToken);

    private void Replay(List<StoreLogEntry> batch)
    {
        lock (_gate)
        {
            foreach (var entry in batch)
            {
                Replay(_graph, entry);
                _sequence = Math.Max(_sequence, entry.Sequence);
            }
        }
    }

    private static void Replay(GraphState graph, StoreLogEntry entry)
    {
        if (entry.Event is { } e)
        {
            graph.Apply(e, entry.Sequence);
        }
        else if (entry.UndoneMergeId is { } merge && graph.HasMerge(merge))
        {
            graph.UndoMerge(merge); // an erasure may have removed the merge: nothing to undo then
        }
    }

    private static CustomerChangeSet Combine(CustomerChangeSet? first, CustomerChangeSet second)
    {
        if (first is null || first.IsEmpty)
        {
            return second;
        }

        var removed = new Dictionary<string, string>(first.Removed, StringComparer.Ordinal);
        foreach (var (id, now) in second.Removed)
        {
            removed[id] = now;
        }

        return new CustomerChangeSet([.. first.Changed.Union(second.Changed, StringComparer.Ordinal)], removed)
        {
            Events = [.. first.Events, .. second.Events],
            Erased = [.. first.Erased.Union(second.Erased, StringComparer.Ordinal)],
        };
    }

    /// <summary>The customers changed since the last change set, with what a rebuild after another instance's erasure changed (under the read lock).</summary>
    private CustomerChangeSet TakeChanges()
    {
        var changes = _graph.CollectChanges();
        if (_external is { } external)
        {
            _external = null;
            return Combine(external, changes);
        }

        return changes;
    }

    /// <summary>
    /// Replays the whole log into a new graph beside the one readers use, then swaps it in: readers see the old graph
    /// or the new one, never a partly built one.
    /// </summary>
    private async ValueTask<Dictionary<string, string>> RebuildAsync(CancellationToken cancellationToken)
    {
        var (graph, sequence, _) = await ReadGraphAsync(null, cancellationToken).ConfigureAwait(false);
        GraphState old;
        lock (_gate)
        {
            old = _graph;
            _graph = graph;
            Interlocked.Exchange(ref _sequence, sequence);
        }

        _stale = false;
        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var c in old.Customers.Live)
            {
                // A customer founded by an event that was rewritten is founded anew by another: it is found again
                // through its founding identity (the erased customer's is gone, and they are reported as erased).
                if ((_graph.Customers.ResolveId(c.Id) ?? _graph.Resolve(c.FoundingNode.Identity)) is { } now && now != c.Id)
                {
                    removed[c.Id] = now;
                }
            }
        }

        return removed;
    }

    /// <summary>Replays the whole log into a new graph, which no reader sees yet.</summary>
    /// <param name="progress">Told the entries read every 4,096 entries, or null.</param>
    /// <param name="cancellationToken">A token to cancel the replay.</param>
    /// <param name="upTo">The last sequence to replay.</param>
    private async ValueTask<(GraphState Graph, long Sequence, long Read)> ReadGraphAsync(Action<long>? progress, CancellationToken cancellationToken, long upTo = long.MaxValue)
    {
        const int ReportEvery = 4096;
        var graph = NewGraph();
        long sequence = 0;
        long read = 0;
        await foreach (var entry in ReadLogAsync(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence > upTo)
            {
                break; // the log is read in sequence
            }

            Replay(graph, entry);
            sequence = Math.Max(sequence, entry.Sequence);
            if (++read % ReportEvery == 0)
            {
                progress?.Invoke(read);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        _ = graph.CollectChanges();
        return (graph, sequence, read);
    }

    private GraphState NewGraph() => new(new IdentityPolicy(_options), _options.DefaultCurrency);

    /// <summary>
    /// Reserves the ids of the events the graph has not seen, in canonical order (so the first of two events sharing an
    /// id is the new one), and numbers their log entries.
    /// </summary>
    private void Reserve(GraphState graph, WriteBatch batch)
    {
        var next = LastSequence;
        lock (_gate)
        {
            graph.LookAhead.TouchEventIds(batch.IdHashes); // inserting one id after another then finds the index in cache
            for (var k = 0; k < batch.Count; k++)
            {
                var e = batch[k];
                if (graph.Reserve(e, batch.IdHash(k), next + 1) is var handle && handle != EventIndex.None)
                {
                    batch.AddFresh(k, e, handle, ++next);
                }
            }
        }
    }

    /// <summary>
    /// Writes the log on this thread while another folds the batch. The folding thread holds the read lock from before
    /// the fold until the write is done, so readers see the graph before the batch or after it, never an event the log
    /// does not hold. A failed write replaces the graph with one rebuilt from the log (or an empty one, rebuilt before
    /// the next write, if the log cannot be read either).
    /// </summary>
    private async ValueTask<StoreApplyResult> FoldWhileAppendingAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        // Once the fold has begun, only a failed write undoes it, with a rebuild of the whole graph: cancellation is
        // honoured up to here, and the write itself (milliseconds) is not cancelled.
        if (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _graph.Release(batch.Reserved);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        var written = new TaskCompletionSource<GraphState?>(TaskCreationOptions.RunContinuationsAsynchronously); // null: durable
        var fold = Task.Run(() =>
        {
            lock (_gate)
            {
                try
                {
                    return Fold(_graph, batch);
                }
                finally
                {
                    // Whether or not the fold got through the batch, a failed write replaces the graph.
                    if (written.Task.GetAwaiter().GetResult() is { } replacement)
                    {
                        _graph = replacement;
                    }
                }
            }
        });

        try
        {
            await AppendAsync(batch.Fresh, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            var rebuilt = await TryReadGraphAsync().ConfigureAwait(false);
            written.SetResult(rebuilt.Graph);
            await ((Task)fold).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // the write's failure is the one to report
            Interlocked.Exchange(ref _sequence, rebuilt.Sequence);
            _stale = rebuilt.Stale;
            throw;
        }

        Interlocked.Exchange(ref _sequence, batch.LastSequence);
        written.SetResult(null);
        try
        {
            return await fold.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw await FoldFailedAsync(batch.FreshCount, batch.Identities(), ex).ConfigureAwait(false);
        }
    }

    /// <summary>Replays the whole log into a new graph beside the current one; an empty, stale graph if the log cannot be read.</summary>
    /// <param name="upTo">The last sequence to replay (a shared store's later entries come through the catch-up).</param>
    private async ValueTask<(GraphState Graph, long Sequence, bool Stale)> TryReadGraphAsync(long upTo = long.MaxValue)
    {
        try
        {
            var (graph, sequence, _) = await ReadGraphAsync(null, CancellationToken.None, upTo).ConfigureAwait(false);
            return (graph, sequence, false);
        }
        catch (Exception)
        {
            return (NewGraph(), 0, true);
        }
    }

    private async ValueTask<StoreApplyResult> ApplyInOrderAsync(WriteBatch batch)
    {
        try
        {
            lock (_gate)
            {
                return Fold(_graph, batch);
            }
        }
        catch (Exception ex)
        {
            throw await FoldFailedAsync(batch.FreshCount, batch.Identities(), ex).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A fold that fails after the write has left the graph part-way through the batch (its other events reserved
    /// and never shown): the graph is replaced by one rebuilt from the log, which holds the whole batch, and what the
    /// batch changed is told to observers with the next change set (their reactions to the events themselves, such as
    /// alerts, do not happen). The rebuild stops at this instance's last entry: entries other instances wrote since
    /// come through the catch-up, with their own change sets. If the rebuild fails too, the part-folded graph stays
    /// (every event it shows is in the log) and the next write rebuilds.
    /// </summary>
    /// <param name="entries">The change's log entries (the batch's new events, or an undo).</param>
    /// <param name="touched">The identities the change concerned.</param>
    /// <param name="failure">What failed.</param>
    private async ValueTask<StoreFoldException> FoldFailedAsync(int entries, IReadOnlyList<Identity> touched, Exception failure)
    {
        var rebuilt = await TryReadGraphAsync(LastSequence).ConfigureAwait(false);
        if (rebuilt.Stale)
        {
            _stale = true;
            return new StoreFoldException(entries, rebuilt: false, failure);
        }

        lock (_gate)
        {
            var folded = _graph.CollectChanges(); // what the folded part changed, which no observer has heard
            _graph = rebuilt.Graph;
            Interlocked.Exchange(ref _sequence, rebuilt.Sequence);
            _external = Combine(_external, Recovered(folded, touched));
        }

        _stale = false;
        return new StoreFoldException(entries, rebuilt: true, failure);
    }

    /// <summary>
    /// The change set a failed fold kept from observers, under the ids of the rebuilt graph: what the folded part
    /// changed and merged away, and the customers of every identity the change concerned (under the read lock).
    /// </summary>
    private CustomerChangeSet Recovered(CustomerChangeSet folded, IReadOnlyList<Identity> touched)
    {
        var directory = _graph.Customers;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        void Note(string id, string? via)
        {
            if ((directory.ResolveId(id) ?? (via is null ? null : directory.ResolveId(via))) is not { } now)
            {
                return;
            }

            changed.Add(now);
            if (!string.Equals(now, id, StringComparison.Ordinal))
            {
                removed[id] = now;
            }
        }

        foreach (var id in folded.Changed)
        {
            Note(id, null);
        }

        foreach (var (id, to) in folded.Removed)
        {
            Note(id, to);
        }

        foreach (var identity in touched)
        {
            if (_graph.Resolve(identity) is { } owner)
            {
                changed.Add(owner);
            }
        }

        return new CustomerChangeSet([.. changed], removed);
    }

    /// <summary>A seam for tests: called after each event of a batch is folded (an override throws to fail a fold part-way).</summary>
    /// <param name="customerEvent">The event just folded.</param>
    internal virtual void Folded(CustomerEvent customerEvent)
    {
    }

    /// <summary>A seam for tests: called after an undo is folded (an override throws to fail it after its log entry).</summary>
    /// <param name="mergeId">The merge undone.</param>
    internal virtual void Undone(string mergeId)
    {
    }

    /// <summary>Applies a reserved batch in canonical order (the caller holds the read lock when the graph is the one readers use).</summary>
    private StoreApplyResult Fold(GraphState graph, WriteBatch batch)
    {
        var merges = graph.MergeCount;
        var conflicts = graph.ConflictCount;
        var reserved = batch.Reserved;
        var applied = batch.Outcomes;
        graph.LookAhead.Start(reserved);
        for (var k = 0; k < reserved.Length; k++)
        {
            var i = batch.InputIndex(k);
            applied[i] = reserved[k] != EventIndex.None ? graph.Apply(reserved[k]) : graph.Apply(batch.Events[i]);
            Folded(batch.Events[i]);
        }

        graph.LookAhead.End();

        // An event applied before a later merge or rebuild in the same batch reports the customer it ended in.
        var outcomes = new EventApplyOutcome[batch.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var (status, customer) = applied[i];
            outcomes[i] = new EventApplyOutcome(status, customer is null ? null : graph.Customers.LiveIdOf(customer));
        }

        return new StoreApplyResult(
            outcomes,
            ReferenceEquals(graph, _graph) ? TakeChanges() : graph.CollectChanges(),
            Math.Max(0, graph.MergeCount - merges),
            Math.Max(0, graph.ConflictCount - conflicts));
    }

    /// <summary>
    /// Gets a value indicating whether, while reads come from the graph index (the store opened from a complete
    /// index), a batch is applied to a working set loaded from the index (<see cref="WorkingSetLoader"/>) instead
    /// of bringing the whole graph into memory; the default is false. A store that returns true overrides
    /// <see cref="AppendWithIndexAsync"/>, so that the log and the index change in one transaction.
    /// </summary>
    protected virtual bool WritesOnWorkingSets => false;

    /// <summary>
    /// Appends log entries and writes the index rows of the same unit of work in one transaction: both or neither
    /// (see <see cref="WritesOnWorkingSets"/>). The default throws.
    /// </summary>
    /// <param name="entries">The entries, in sequence.</param>
    /// <param name="rows">The index rows, with the sequence of the last entry.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when both are durable.</returns>
    /// <exception cref="NotSupportedException">The store does not write on working sets.</exception>
    protected virtual ValueTask AppendWithIndexAsync(IReadOnlyList<StoreLogEntry> entries, GraphIndexChanges rows, CancellationToken cancellationToken)
        => throw new NotSupportedException($"{GetType().Name} writes on working sets but does not append with its index in one transaction.");

    /// <summary>
    /// Applies a batch to a working set loaded from the index: the components its identities touch, replayed from
    /// their events (see <see cref="TryChangeWorkingSetAsync"/>). Returns null, having changed nothing, when the whole
    /// graph is needed instead.
    /// </summary>
    private async ValueTask<StoreApplyResult?> TryApplyOnWorkingSetAsync(IGraphIndex index, IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken)
    {
        using var batch = _batches.Rent(events);
        return await TryChangeWorkingSetAsync<StoreApplyResult>(
            (graph, ct) => WorkingSetLoader.LoadAsync(index, events, graph, ct),
            graph =>
            {
                Reserve(graph, batch);
                return (Fold(graph, batch), batch.Fresh); // duplicates and rejections alone change nothing
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Undoes a merge on a working set loaded from the index: the raw component of the customer whose row lists the
    /// merge (<see cref="IGraphIndex.FindMergeAsync"/>). Returns null, having changed nothing, when the whole graph is
    /// needed instead (no row lists the merge, or the component loaded does not hold it).
    /// </summary>
    private async ValueTask<UndoMergeResult?> TryUndoOnWorkingSetAsync(IGraphIndex index, string mergeId, CancellationToken cancellationToken)
    {
        if (await index.FindMergeAsync(mergeId, cancellationToken).ConfigureAwait(false) is not { } customerId)
        {
            return null;
        }

        return await TryChangeWorkingSetAsync<UndoMergeResult>(
            (graph, ct) => WorkingSetLoader.LoadCustomerAsync(index, customerId, graph, ct),
            graph =>
            {
                if (!graph.HasMerge(mergeId))
                {
                    return null;
                }

                var entry = StoreLogEntry.ForUndo(LastSequence + 1, mergeId);
                var (survivor, restored) = graph.UndoMerge(mergeId);
                Undone(mergeId);
                return (new UndoMergeResult(mergeId, survivor, restored, graph.CollectChanges()), [entry]);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes a working set loaded from the index instead of the whole graph. The change is made there first, then
    /// its log entries and the index rows it changed are written in one transaction, and the working set is dropped:
    /// readers, who read the index, see the change once it is committed, and a failed write leaves the store as it
    /// was. Returns null, having changed nothing, when the whole graph is needed instead (the index and the log
    /// disagree, the change declines the working set, or the graph was brought into memory meanwhile).
    /// </summary>
    /// <param name="load">Loads the working set into an empty graph.</param>
    /// <param name="change">Makes the change on the loaded graph: its result and log entries (none: nothing to write), or null to decline.</param>
    /// <param name="cancellationToken">A token to cancel the load (the commit, once begun, is not cancelled).</param>
    private async ValueTask<T?> TryChangeWorkingSetAsync<T>(Func<GraphState, CancellationToken, ValueTask<WorkingSetLoad>> load, Func<GraphState, (T Result, IReadOnlyList<StoreLogEntry> Entries)?> change, CancellationToken cancellationToken)
        where T : class
    {
        var index = Index!;
        using var loading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token); // disposal stops a load
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_inMemory || Volatile.Read(ref _cold) is null)
            {
                return null;
            }

            var (missed, rebuild) = await BeginWriteAsync(loading.Token).ConfigureAwait(false);
            if (missed.Count > 0 || rebuild)
            {
                return null; // a shared log that others wrote: the whole graph catches up (no store that writes on working sets has one yet)
            }

            var graph = NewGraph();
            var loaded = await load(graph, loading.Token).ConfigureAwait(false);
            if (loaded == WorkingSetLoad.NeedsWholeGraph)
            {
                return null;
            }

            if (loaded == WorkingSetLoad.Disagrees)
            {
                _indexSuspect = true; // the replay that follows rewrites the index whole
                using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.store.working-set-refused");
                activity?.SetTag("ecrm.store.location", Metadata.Location);
                return null;
            }

            _ = graph.KeepIndex(rows: false); // what was loaded is what the index holds
            var before = SizesOf(graph);
            if (change(graph) is not var (result, entries))
            {
                return null;
            }

            if (entries.Count == 0)
            {
                return result;
            }

            var rows = graph.TakeIndexRows()!;
            var indexed = await index.ReadSizesAsync(cancellationToken).ConfigureAwait(false);
            var after = SizesOf(graph);
            rows.Sequence = entries[^1].Sequence;
            rows.Fingerprint = _fingerprint;
            rows.Statistics = new IndexedGraphStatistics(
                indexed.Customers + after.Customers - before.Customers,
                indexed.Identities + after.Identities - before.Identities,
                indexed.Events + after.Events - before.Events,
                indexed.Merges + after.Merges - before.Merges,
                indexed.Conflicts + after.Conflicts - before.Conflicts);
            var committing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _committing, committing); // a full fence: readers that enter after it wait
            try
            {
                WaitForColdReaders(); // reads from the index under way finish first

                await AppendWithIndexAsync(entries, rows, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Exchange(ref _sequence, rows.Sequence);
            }
            finally
            {
                Volatile.Write(ref _committing, null);
                committing.SetResult();
            }

            return result;
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            _writer.Release();
        }
    }

    private static IndexedGraphStatistics SizesOf(GraphState graph)
        => new(graph.CustomerCount, graph.IdentityCount, graph.EventCount, graph.MergeCount, graph.ConflictCount);

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        _opening.Dispose(); // cancels an opening still under way
        _closing.Cancel(); // and a replay that brings the graph into memory
        return base.DisposeAsyncCore();
    }

    /// <summary>
    /// Cancels the replay that brings the graph into memory, if one runs, and waits until it and every read from the
    /// index have stopped: a derived store calls this when disposed, before releasing its connections.
    /// </summary>
    /// <returns>A task that completes when nothing reads the log or the index.</returns>
    protected async ValueTask StopReadingAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        Task? loading;
        lock (_gate)
        {
            loading = _loading;
        }

        if (loading is not null)
        {
            await loading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // A write under way (on a working set, whose commit is not cancelled) finishes before the connections close.
        await _writer.WaitAsync().ConfigureAwait(false);
        _writer.Release();
        WaitForColdReaders();
    }

    /// <summary>Waits until no read from the index is under way (the caller has kept new ones from starting).</summary>
    private void WaitForColdReaders()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _coldReaders) > 0)
        {
            spin.SpinOnce();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _opening.Dispose();
            _closing.Cancel();
            _writer.Dispose();
            _closing.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A whole-store read: from the index while the store reads from it, else from the graph under its lock.</summary>
    private async ValueTask<T> FromIndexOrGraphAsync<T>(Func<IndexedReads, CancellationToken, ValueTask<T>> fromIndex, Func<T> fromGraph, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        if (await EnterColdAsync(cancellationToken).ConfigureAwait(false) is { } cold)
        {
            try
            {
                return await fromIndex(cold, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ExitCold();
            }
        }

        lock (_gate)
        {
            return fromGraph();
        }
    }

    private ValueTask<T?> Read<T>(string customerId, Func<CustomerState, T> read, Func<IndexedReads.Loaded, CancellationToken, ValueTask<T>> readIndexed, bool withEvents, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (!_opening.IsOpen || Volatile.Read(ref _cold) is not null)
        {
            return ReadWhenOpenAsync(customerId, read, readIndexed, withEvents, cancellationToken);
        }

        lock (_gate)
        {
            return ValueTask.FromResult(_graph.Customers.Find(customerId) is { } c && _shield?.Hides(c) != true ? read(c) : null);
        }
    }

    private async ValueTask<T?> ReadWhenOpenAsync<T>(string customerId, Func<CustomerState, T> read, Func<IndexedReads.Loaded, CancellationToken, ValueTask<T>> readIndexed, bool withEvents, CancellationToken cancellationToken)
        where T : class
    {
        await WaitOpenAsync(cancellationToken).ConfigureAwait(false);
        if (await EnterColdAsync(cancellationToken).ConfigureAwait(false) is { } cold)
        {
            try
            {
                return await cold.LoadAsync(customerId, withEvents, cancellationToken).ConfigureAwait(false) is { } loaded
                    ? await readIndexed(loaded, cancellationToken).ConfigureAwait(false)
                    : null;
            }
            finally
            {
                ExitCold();
            }
        }

        lock (_gate)
        {
            return _graph.Customers.Find(customerId) is { } c && _shield?.Hides(c) != true ? read(c) : null;
        }
    }
}
