using System.Diagnostics.Metrics;
using Ecrm.Insights;
using Ecrm.Storage;
using Ecrm.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Listening;

/// <summary>The listening engine: an observer of ingestion that keeps alerts, surges, topics, brand share and requests.</summary>
internal sealed class ListeningService : IListening, ICustomerChangeObserver, IAsyncDisposable, IDisposable
{
    internal static readonly EventChannel HandlingChannel = EventChannel.FromName("listening");
    internal static readonly EventType AcknowledgedType = EventType.FromName("alert-acknowledged");
    internal static readonly EventType ResolvedType = EventType.FromName("alert-resolved");

    private readonly IServiceProvider _services;
    private readonly CustomerStore _store;
    private readonly ListeningOptions _options;
    private readonly TimeProvider _time;
    private readonly EcrmTelemetry _telemetry;
    private readonly ListeningTextAnalyzer _analyzer;
    private readonly HashSet<string> _types;
    private readonly string[] _tierLadder;
    private readonly AlertDispatcher _dispatcher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AlertBook _alerts = new();
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private SurgeDetector _surges;
    private TimeBuckets _topics = new();
    private TimeBuckets _brands = new();
    private FeatureRequestGrouper _requests;
    private bool _loaded;

    public ListeningService(
        IServiceProvider services,
        CustomerStore store,
        IOptions<ListeningOptions> options,
        IOptions<InsightsOptions> insightsOptions,
        ISentimentAnalyzer sentiment,
        IEnumerable<IAlertSink> sinks,
        TimeProvider time,
        EcrmTelemetry telemetry,
        ILogger<ListeningService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(insightsOptions);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _analyzer = new ListeningTextAnalyzer(_options, sentiment ?? throw new ArgumentNullException(nameof(sentiment)));
        _types = new HashSet<string>(_options.EventTypes, StringComparer.Ordinal);
        _tierLadder = [.. insightsOptions.Value.Loyalty.Tiers.Levels.OrderBy(l => l.Threshold).Select(l => l.Name)];
        _dispatcher = new AlertDispatcher(sinks ?? [], logger ?? (ILogger)NullLogger<ListeningService>.Instance);
        _surges = new SurgeDetector(_options.Surge);
        _requests = new FeatureRequestGrouper(_options.RequestSimilarity, _options.RequestCues.ToList());
    }

    private ICustomerGraph Graph => _services.GetRequiredService<ICustomerGraph>();

    public TextAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _analyzer.Analyze(text);
    }

    public async ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Events.Count == 0 && changes.Erased.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (changes.Erased.Count > 0)
            {
                Forget(); // alert texts and request examples may quote the erased person: rebuild from the anonymised store
                return;
            }

            if (!_loaded)
            {
                // The store already holds this batch: the history is everything else, read silently; the batch is news.
                await LoadAsync(changes.Events.Select(a => a.Event.Id).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            }

            foreach (var (old, now) in changes.Removed)
            {
                _alerts.Rekey(old, now); // a merge, or an earlier event renamed the customer: its alerts follow
            }

            foreach (var accepted in changes.Events)
            {
                await ReadAsync(accepted.Event, accepted.CustomerId, live: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(AlertStatus? status = null, CancellationToken cancellationToken = default) =>
        await WithStateAsync(() => (IReadOnlyList<Alert>)[.. _alerts.All.Where(a => status is null || a.Status == status)
            .OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);

    public async ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        return await WithStateAsync(() => _alerts.TryGet(alertId, out var alert) ? alert : null, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Alert> AcknowledgeAsync(string alertId, string by, string? note = null, CancellationToken cancellationToken = default) =>
        HandleAsync(alertId, by, note, AcknowledgedType, AlertStatus.Acknowledged, cancellationToken);

    public ValueTask<Alert> ResolveAsync(string alertId, string by, string? note = null, CancellationToken cancellationToken = default) =>
        HandleAsync(alertId, by, note, ResolvedType, AlertStatus.Resolved, cancellationToken);

    public async ValueTask<ResponseTimes> GetResponseTimesAsync(CancellationToken cancellationToken = default) =>
        await WithStateAsync(
            () =>
            {
                var alerts = _alerts.All.ToList();
                var toAck = alerts.Select(a => a.TimeToAcknowledge).OfType<TimeSpan>().Order().ToList();
                var toResolve = alerts.Select(a => a.TimeToResolve).OfType<TimeSpan>().Order().ToList();
                return new ResponseTimes(
                    alerts.Count,
                    alerts.Count(a => a.Status == AlertStatus.Open),
                    toAck.Count,
                    toResolve.Count,
                    Percentile(toAck, 0.5),
                    Percentile(toAck, 0.9),
                    Percentile(toResolve, 0.5),
                    Percentile(toResolve, 0.9));
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<Surge>> GetSurgesAsync(CancellationToken cancellationToken = default) =>
        await WithStateAsync(() => (IReadOnlyList<Surge>)[.. _surges.Surges], cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TopicTrend>> GetTopicTrendsAsync(TimeSpan window, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        if (window < TimeSpan.FromHours(1))
        {
            throw new EcrmException($"Topic trends: expected a window of at least one hour, received {window}.");
        }

        var end = asOf ?? _time.GetUtcNow();
        return await WithStateAsync(
            () => (IReadOnlyList<TopicTrend>)[.. _options.Aspects
                .Select(a => (a.Name, Now: _topics.Sum(a.Name, end - window, end), Before: _topics.Sum(a.Name, end - window - window, end - window)))
                .Where(t => t.Now.Mentions + t.Before.Mentions > 0)
                .Select(t => new TopicTrend(t.Name, t.Now.Negative, t.Now.Mentions, t.Before.Negative, Math.Round(t.Now.Average, 4)))
                .OrderByDescending(t => t.Complaints).ThenByDescending(t => t.Change).ThenBy(t => t.Aspect, StringComparer.Ordinal)],
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<BrandShare>> GetBrandShareAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        var start = from ?? DateTimeOffset.MinValue.AddDays(1);
        var end = to ?? _time.GetUtcNow();
        return await WithStateAsync(
            () =>
            {
                var tallies = _options.AllBrands().Select(b => (b.Brand.Name, b.IsOwn, Tally: _brands.Sum(b.Brand.Name, start, end))).ToList();
                var total = tallies.Sum(t => t.Tally.Mentions);
                return (IReadOnlyList<BrandShare>)[.. tallies.Select(t => new BrandShare(
                    t.Name, t.IsOwn, t.Tally.Mentions, total == 0 ? 0 : Math.Round(t.Tally.Mentions / (double)total, 4),
                    t.Tally.Positive, t.Tally.Negative, Math.Round(t.Tally.Average, 4)))];
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<FeatureRequestGroup>> GetFeatureRequestsAsync(CancellationToken cancellationToken = default) =>
        await WithStateAsync(_requests.Groups, cancellationToken).ConfigureAwait(false);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _dispatcher.FlushAsync(cancellationToken);

    public void Dispose()
    {
        _dispatcher.Dispose();
        _gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static TimeSpan? Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string AlertIdOf(string eventId) =>
        "alert-" + System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(eventId)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private async ValueTask<T> WithStateAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_loaded)
            {
                await LoadAsync(null, cancellationToken).ConfigureAwait(false);
            }

            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Alert> HandleAsync(string alertId, string by, string? note, EventType type, AlertStatus target, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        if (string.IsNullOrWhiteSpace(by) || by.Length > 200)
        {
            throw new EcrmException($"Alert handling: expected who handled it (1 to 200 characters), received '{by}'.");
        }

        if (note is { Length: > 2000 })
        {
            throw new EcrmException($"Alert handling: expected a note of at most 2000 characters, received {note.Length}.");
        }

        var alert = await GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false)
            ?? throw new EcrmException($"Alert handling: expected a known alert id, received '{alertId}'.");
        if (alert.Status >= target)
        {
            return alert; // already done: idempotent
        }

        var live = await _store.ResolveIdAsync(alert.CustomerId, cancellationToken).ConfigureAwait(false);
        var profile = live is null ? null : await _store.GetProfileAsync(live, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Identities.Count == 0)
        {
            throw new EcrmException($"Alert handling: expected alert '{alertId}' to belong to a known customer, received customer '{alert.CustomerId}' that no longer resolves.");
        }

        try
        {
            await Graph.IngestAsync(
                new CustomerEvent
                {
                    Id = $"{alertId}:{type.Name}",
                    Channel = HandlingChannel,
                    Type = type,
                    OccurredAt = _time.GetUtcNow(),
                    Identities = [profile.Identities[0].Identity],
                    Properties = new EventProperties { Text = note, Custom = new Dictionary<string, string> { ["alert"] = alertId, ["by"] = by.Trim() } },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateEventConflictException)
        {
            // Someone else handled it at the same moment: theirs stands.
        }

        return (await GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task LoadAsync(HashSet<string>? news, CancellationToken cancellationToken)
    {
        var history = new List<(CustomerEvent Event, string CustomerId)>();
        await foreach (var profile in _store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var e in await _store.ReadAllAsync(profile.Id, cancellationToken).ConfigureAwait(false))
            {
                if ((e.Channel == HandlingChannel || (_types.Contains(e.Type.Name) && !string.IsNullOrWhiteSpace(e.Properties?.Text)))
                    && news?.Contains(e.Id) != true)
                {
                    history.Add((e, profile.Id));
                }
            }
        }

        foreach (var (e, customerId) in history.OrderBy(h => h.Event.OccurredAt).ThenBy(h => h.Event.Id, StringComparer.Ordinal))
        {
            await ReadAsync(e, customerId, live: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var alert in _alerts.All.ToList())
        {
            _alerts.Set(await WithCustomerAsync(alert, alert.Reach.Followers, cancellationToken).ConfigureAwait(false));
        }

        _loaded = true;
    }

    private async ValueTask ReadAsync(CustomerEvent e, string customerId, bool live, CancellationToken cancellationToken)
    {
        if (e.Channel == HandlingChannel)
        {
            ApplyHandling(e, live);
            return;
        }

        var text = e.Properties?.Text;
        if (!_types.Contains(e.Type.Name) || string.IsNullOrWhiteSpace(text) || !_read.Add(e.Id))
        {
            return;
        }

        var analysis = _analyzer.Analyze(text);
        var score = analysis.Sentiment.Score;
        _telemetry.TextsRead.Add(1, new KeyValuePair<string, object?>("sentiment", score > 0 ? "positive" : score < 0 ? "negative" : "neutral"));
        var at = e.OccurredAt;
        foreach (var aspect in analysis.Aspects)
        {
            _topics.Add(aspect.Aspect, at, aspect.Sentiment);
        }

        foreach (var brand in analysis.Brands)
        {
            _brands.Add(brand.Brand, at, brand.Sentiment);
        }

        if (analysis.Request is { } request)
        {
            _requests.Add(e.Id, customerId, request, analysis.Aspects.Select(a => a.Aspect), at);
        }

        if (score < 0)
        {
            foreach (var scope in analysis.Complaints.Select(a => "aspect:" + a).Prepend("channel:" + e.Channel.Name).Prepend("all"))
            {
                if (_surges.Observe(scope, at) is { } surge)
                {
                    _telemetry.Surges.Add(1);
                    Notify(live, new AlertNotification($"surge:{scope}:{surge.WindowStart.UtcTicks}", AlertNotificationKind.Surge, at, null, surge));
                }
            }
        }

        if (score <= _options.AlertThreshold)
        {
            await RaiseAsync(e, customerId, text, analysis, live, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Forget()
    {
        _alerts.Clear();
        _read.Clear();
        _surges = new SurgeDetector(_options.Surge);
        _topics = new TimeBuckets();
        _brands = new TimeBuckets();
        _requests = new FeatureRequestGrouper(_options.RequestSimilarity, _options.RequestCues.ToList());
        _loaded = false;
    }

    private async ValueTask RaiseAsync(CustomerEvent e, string customerId, string text, TextAnalysis analysis, bool live, CancellationToken cancellationToken)
    {
        var post = e.Properties?.TargetPostId;
        var group = AlertBook.GroupOf(customerId, post is null ? e.Channel.Name : $"post{AlertBook.Separator}{post}");
        var entry = new AlertText(e.Id, text.Length > 2000 ? text[..2000] : text, analysis.Sentiment.Score, e.OccurredAt);
        var followers = e.Properties?.FollowerCount ?? 0;
        Alert alert;
        AlertLevel? before = null;
        if (_alerts.OpenIn(group) is { Status: not AlertStatus.Resolved } open
            && (post is not null || e.OccurredAt - open.LastSeenAt <= _options.RepeatWindow))
        {
            before = open.Level;
            alert = open with
            {
                Texts = [.. open.Texts.Append(entry).OrderBy(t => t.OccurredAt).TakeLast(_options.TextsPerAlert)],
                Sentiment = Math.Min(open.Sentiment, entry.Sentiment),
                Aspects = [.. open.Aspects.Union(analysis.Complaints, StringComparer.Ordinal)],
                Occurrences = open.Occurrences + 1,
                RaisedAt = e.OccurredAt < open.RaisedAt ? e.OccurredAt : open.RaisedAt, // a late-arriving earlier text
                LastSeenAt = e.OccurredAt > open.LastSeenAt ? e.OccurredAt : open.LastSeenAt,
            };
            followers = Math.Max(followers, open.Reach.Followers);
        }
        else
        {
            alert = new Alert
            {
                Id = AlertIdOf(e.Id),
                CustomerId = customerId,
                Channel = e.Channel.Name,
                TargetPostId = post,
                Texts = [entry],
                Sentiment = entry.Sentiment,
                Severity = 0,
                Level = AlertLevel.Low,
                Reach = new AlertReach(followers, 0, null, 0, 0, 0),
                Aspects = [.. analysis.Complaints],
                Occurrences = 1,
                RaisedAt = e.OccurredAt,
                LastSeenAt = e.OccurredAt,
            };
            _alerts.Open(group, alert.Id);
        }

        alert = live
            ? await WithCustomerAsync(alert with { CustomerId = customerId }, followers, cancellationToken).ConfigureAwait(false)
            : Rescore(alert, alert.Customer, followers);
        _alerts.Set(alert);
        if (before is null)
        {
            _telemetry.AlertsRaised.Add(1, new KeyValuePair<string, object?>("level", alert.Level.ToString().ToLowerInvariant()));
            Notify(live, new AlertNotification($"{alert.Id}:raised", AlertNotificationKind.Raised, e.OccurredAt, alert, null));
        }
        else if (alert.Level > before)
        {
            Notify(live, new AlertNotification($"{alert.Id}:escalated:{alert.Level.ToString().ToLowerInvariant()}", AlertNotificationKind.Escalated, e.OccurredAt, alert, null));
        }
    }

    private async ValueTask<Alert> WithCustomerAsync(Alert alert, long followers, CancellationToken cancellationToken)
    {
        var live = await _store.ResolveIdAsync(alert.CustomerId, cancellationToken).ConfigureAwait(false);
        var customer = live is null ? null : await Graph.GetAsync(live, cancellationToken).ConfigureAwait(false);
        return Rescore(alert with { CustomerId = live ?? alert.CustomerId, Customer = customer }, customer, followers);
    }

    private Alert Rescore(Alert alert, Customer360? customer, long followers)
    {
        var reach = SeverityCalculator.Reach(_options.Severity, followers, customer, _tierLadder);
        var severity = SeverityCalculator.Severity(_options.Severity, alert.Sentiment, reach, alert.Occurrences);
        return alert with { Reach = reach, Severity = severity, Level = SeverityCalculator.Level(_options.Severity, severity) };
    }

    private void ApplyHandling(CustomerEvent e, bool live)
    {
        if (e.Properties?.Custom is not { } custom || !custom.TryGetValue("alert", out var id) || !_alerts.TryGet(id, out var alert))
        {
            return;
        }

        var by = custom.GetValueOrDefault("by");
        AlertNotificationKind kind;
        if (e.Type == AcknowledgedType && alert.Status == AlertStatus.Open)
        {
            alert = alert with { Status = AlertStatus.Acknowledged, AcknowledgedAt = e.OccurredAt, AcknowledgedBy = by, Note = e.Properties.Text ?? alert.Note };
            kind = AlertNotificationKind.Acknowledged;
        }
        else if (e.Type == ResolvedType && alert.Status != AlertStatus.Resolved)
        {
            alert = alert with { Status = AlertStatus.Resolved, ResolvedAt = e.OccurredAt, ResolvedBy = by, Note = e.Properties.Text ?? alert.Note };
            kind = AlertNotificationKind.Resolved;
            _alerts.Close(alert.Id);
        }
        else
        {
            return;
        }

        _alerts.Set(alert);
        Notify(live, new AlertNotification($"{alert.Id}:{kind.ToString().ToLowerInvariant()}", kind, e.OccurredAt, alert, null));
    }

    private void Notify(bool live, AlertNotification notification)
    {
        if (live)
        {
            _dispatcher.Enqueue(notification);
        }
    }
}
