using System.Diagnostics;
using Ecrm.Storage;
using Ecrm.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm;

/// <summary>
/// The SDK's <see cref="ICustomerGraph"/>: validation and normalisation in front of a <see cref="CustomerStore"/>,
/// telemetry around it, observers after it.
/// </summary>
internal sealed class CustomerGraph : ICustomerGraph, Privacy.ICustomerPrivacy
{
    private static readonly KeyValuePair<string, object?> Accepted = new("status", "accepted");
    private static readonly KeyValuePair<string, object?> Duplicate = new("status", "duplicate");
    private static readonly KeyValuePair<string, object?> RejectedTag = new("status", "rejected");
    private readonly EventNormalizer _normalizer;
    private readonly ICustomerChangeObserver[] _observers;
    private readonly EcrmTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _timelineLength;
    private readonly ICustomer360Contributor[] _contributors;

    public CustomerGraph(
        CustomerStore store,
        IOptions<EcrmOptions> options,
        TimeProvider time,
        EcrmTelemetry telemetry,
        IEnumerable<ICustomerChangeObserver> observers,
        ILogger<CustomerGraph>? logger = null,
        IEnumerable<ICustomer360Contributor>? contributors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value; // throws OptionsValidationException naming every invalid option
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _observers = observers?.ToArray() ?? [];
        _logger = logger ?? NullLogger<CustomerGraph>.Instance;
        _contributors = contributors?.ToArray() ?? [];
        PhoneRegion.TryGet(o.DefaultPhoneRegion, out var region);
        IdentityNormalizer = new IdentityNormalizer(region);
        _normalizer = new EventNormalizer(o, IdentityNormalizer, time);
        _timelineLength = o.Customer360TimelineLength;
        Log.Started(_logger, store.Metadata.ProviderName, store.Metadata.Location ?? "process memory");
        store.OnChangedElsewhere(NotifyAsync); // other instances' changes reach this instance's observers too; the store lives as long as the graph
    }

    /// <summary>Gets the store the graph lives in (hosts reach it through DI: the graph does not expose it).</summary>
    private CustomerStore Store { get; }

    public IdentityNormalizer IdentityNormalizer { get; }

    public ValueTask<StoreOpenStatus> OpenAsync(IProgress<StoreOpenStatus>? progress = null, CancellationToken cancellationToken = default)
        => Store.OpenAsync(progress, cancellationToken);

    public async ValueTask<IngestResult> IngestAsync(CustomerEvent customerEvent, CancellationToken cancellationToken = default)
    {
        var result = await IngestBatchAsync([customerEvent], cancellationToken).ConfigureAwait(false);
        var single = result.Results[0];
        if (single.Status == IngestStatus.Rejected)
        {
            throw single.Error!;
        }

        return single;
    }

    public async ValueTask<BatchIngestResult> IngestBatchAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.ingest");
        activity?.SetTag("ecrm.batch.size", events.Count);
        var timed = _telemetry.IngestDuration.Enabled; // the clock is read only when someone listens
        var started = timed ? _time.GetTimestamp() : 0;

        var results = new IngestResult[events.Count];
        var (valid, validIndex, rejected) = NormalizeAll(events, results);
        var accepted = 0;
        var duplicates = 0;
        var changes = CustomerChangeSet.Empty;
        List<AcceptedEvent>? acceptedEvents = null;
        if (valid.Count > 0)
        {
            var applied = await Store.ApplyAsync(valid, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < valid.Count; k++)
            {
                var outcome = applied.Outcomes[k];
                var at = validIndex is null ? k : validIndex[k];
                var id = valid[k].Id;
                switch (outcome.Status)
                {
                    case IngestStatus.Accepted:
                        accepted++;
                        results[at] = new IngestResult(id, IngestStatus.Accepted, outcome.CustomerId, null);
                        if (_observers.Length > 0)
                        {
                            // Only observers read the accepted events: with none, the list is not built.
                            (acceptedEvents ??= new List<AcceptedEvent>(valid.Count)).Add(new AcceptedEvent(valid[k], outcome.CustomerId!));
                        }

                        break;
                    case IngestStatus.Duplicate:
                        duplicates++;
                        results[at] = new IngestResult(id, IngestStatus.Duplicate, outcome.CustomerId, null);
                        break;
                    default:
                        rejected++;
                        results[at] = new IngestResult(id, IngestStatus.Rejected, null, new DuplicateEventConflictException(id));
                        Log.Rejected(_logger, id, "id reused with different content");
                        break;
                }
            }

            changes = acceptedEvents is null ? applied.Changes : applied.Changes with { Events = acceptedEvents };
            if (applied.Merges > 0)
            {
                _telemetry.Merges.Add(applied.Merges);
            }

            if (applied.Conflicts > 0)
            {
                _telemetry.Conflicts.Add(applied.Conflicts);
            }

            Log.Ingested(_logger, accepted, duplicates, rejected, changes.Changed.Count, applied.Merges, applied.Conflicts);
        }

        Count(accepted, Accepted);
        Count(duplicates, Duplicate);
        Count(rejected, RejectedTag);
        if (timed)
        {
            _telemetry.IngestDuration.Record(_time.GetElapsedTime(started).TotalSeconds);
        }
        activity?.SetTag("ecrm.events.accepted", accepted);
        activity?.SetTag("ecrm.events.rejected", rejected);
        await NotifyAsync(changes, cancellationToken).ConfigureAwait(false);
        return new BatchIngestResult(results);
    }

    /// <summary>
    /// Validates and normalises a batch, recording each rejection in <paramref name="results"/>. Returns the valid
    /// events and, when some were rejected, the input position of each (null: the valid events are the input, in
    /// order). A batch whose events were all valid and already canonical is passed on as given, with no copy.
    /// </summary>
    private (IReadOnlyList<CustomerEvent> Valid, List<int>? ValidIndex, int Rejected) NormalizeAll(IReadOnlyList<CustomerEvent> events, IngestResult[] results)
    {
        CustomerEvent[]? normalized = null; // allocated at the first event normalisation changed
        List<CustomerEvent>? valid = null; // allocated at the first rejection, with the positions
        List<int>? validIndex = null;
        var rejected = 0;
        var latest = _normalizer.LatestAcceptedTime();
        for (var i = 0; i < events.Count; i++)
        {
            CustomerEvent n;
            try
            {
                n = _normalizer.Normalize(events[i], latest);
            }
            catch (EventValidationException ex)
            {
                results[i] = new IngestResult(ex.EventId, IngestStatus.Rejected, null, ex);
                rejected++;
                Log.Rejected(_logger, ex.EventId, ex.Problem);
                if (valid is null)
                {
                    (valid, validIndex) = (new List<CustomerEvent>(events.Count), new List<int>(events.Count));
                    for (var j = 0; j < i; j++)
                    {
                        valid.Add(normalized?[j] ?? events[j]);
                        validIndex.Add(j);
                    }
                }

                continue;
            }

            if (valid is not null)
            {
                valid.Add(n);
                validIndex!.Add(i);
            }
            else if (normalized is not null || !ReferenceEquals(n, events[i]))
            {
                if (normalized is null)
                {
                    normalized = new CustomerEvent[events.Count];
                    for (var j = 0; j < i; j++)
                    {
                        normalized[j] = events[j];
                    }
                }

                normalized[i] = n;
            }
        }

        return ((IReadOnlyList<CustomerEvent>?)valid ?? normalized ?? events, validIndex, rejected);
    }

    public async ValueTask<string?> ResolveAsync(Identity identity, CancellationToken cancellationToken = default)
        => await Store.ResolveAsync(IdentityNormalizer.Normalize(identity), cancellationToken).ConfigureAwait(false);

    public async ValueTask<Customer360?> FindAsync(Identity identity, CancellationToken cancellationToken = default)
    {
        var id = await ResolveAsync(identity, cancellationToken).ConfigureAwait(false);
        return id is null ? null : await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Customer360?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var view = await Store.GetCustomer360Async(customerId, _timelineLength, cancellationToken).ConfigureAwait(false);
        return view is null ? null : await ContributeAsync(view, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Customer360> ContributeAsync(Customer360 view, CancellationToken cancellationToken)
    {
        foreach (var contributor in _contributors)
        {
            view = await contributor.ContributeAsync(view, cancellationToken).ConfigureAwait(false);
        }

        return view;
    }

    public async ValueTask<TimelinePage> GetTimelineAsync(string customerId, TimelineQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        query ??= new TimelineQuery();
        if (query.Limit is < 1 or > 1000)
        {
            throw new EcrmException($"TimelineQuery.Limit: expected 1 to 1000, received {query.Limit}.");
        }

        return await Store.GetTimelineAsync(customerId, query, cancellationToken).ConfigureAwait(false) ?? new TimelinePage([], null);
    }

    public ValueTask<IReadOnlyList<IdentityConflict>> GetConflictsAsync(CancellationToken cancellationToken = default)
        => Store.GetConflictsAsync(null, cancellationToken);

    public async ValueTask<UndoMergeResult> UndoMergeAsync(string mergeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mergeId);
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.undo-merge");
        var result = await Store.UndoMergeAsync(mergeId, cancellationToken).ConfigureAwait(false);
        Log.MergeUndone(_logger, mergeId, result.RestoredId, result.SurvivorId);
        await NotifyAsync(result.Changes, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public ValueTask<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        => Store.GetStatisticsAsync(cancellationToken);

    public async ValueTask<Privacy.CustomerDataExport> ExportAsync(string customerId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(destination);
        var live = await Store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false)
            ?? throw new EcrmException($"Export: expected a known customer id, received '{customerId}'.");
        var profile = await Store.GetProfileAsync(live, cancellationToken).ConfigureAwait(false)
            ?? throw new EcrmException($"Export: expected a known customer id, received '{customerId}'.");
        var held = await ContributeAsync(
            new Customer360
            {
                Profile = profile,
                Timeline = new TimelinePage([], null),
                Related = await Store.GetRelationsAsync(live, cancellationToken).ConfigureAwait(false),
                Merges = await Store.GetMergesAsync(live, cancellationToken).ConfigureAwait(false),
                Conflicts = await Store.GetConflictsAsync(live, cancellationToken).ConfigureAwait(false),
            },
            cancellationToken).ConfigureAwait(false); // what the contributors derive (the insight) is exported too
        var export = new Privacy.CustomerDataExport
        {
            CustomerId = live,
            ExportedAt = _time.GetUtcNow(),
            Profile = profile,
            Events = await Insights.StoreEvents.ReadAllAsync(Store, live, cancellationToken).ConfigureAwait(false),
            Related = held.Related,
            Merges = held.Merges,
            Conflicts = held.Conflicts,
            Insight = held.Insight,
        };
        await System.Text.Json.JsonSerializer.SerializeAsync(destination, export, Serialization.EcrmJsonContext.Readable.CustomerDataExport, cancellationToken).ConfigureAwait(false);
        return export;
    }

    public async ValueTask<Privacy.ErasureRecord> EraseAsync(string customerId, string requestedBy, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (string.IsNullOrWhiteSpace(requestedBy) || requestedBy.Length > 200)
        {
            throw new EcrmException($"Erasure: expected who carries it out (1 to 200 characters), received '{requestedBy}'.");
        }

        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.erase");
        var (record, changes) = await Store.EraseCustomerAsync(customerId, new Privacy.ErasureRequest(requestedBy.Trim(), reason, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Log.Erased(_logger, record.Id, record.CustomerId, record.EventsRewritten);
        await NotifyAsync(changes, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public ValueTask<IReadOnlyList<Privacy.ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
        => Store.GetErasuresAsync(cancellationToken);

    private void Count(int n, KeyValuePair<string, object?> tag)
    {
        if (n > 0)
        {
            _telemetry.IngestedEvents.Add(n, tag);
        }
    }

    private async ValueTask NotifyAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnCustomersChangedAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }
    }
}
