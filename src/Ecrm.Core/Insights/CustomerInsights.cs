using System.Globalization;
using Ecrm.Loyalty;
using Ecrm.Scoring;
using Ecrm.Segments;
using Ecrm.Storage;
using Ecrm.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Insights;

/// <summary>
/// The insights engine: a <see cref="FactTable"/> of every customer, kept current by the graph's change
/// notifications; compiled segments with live membership; a timer that re-checks what time alone can change; population
/// models refitted in the background once loaded (<see cref="PopulationFit"/>), while reads and changes go on.
/// </summary>
internal sealed class CustomerInsights : ICustomerInsights, ICustomerChangeObserver, IDisposable, IAsyncDisposable
{
    /// <summary>A background refit starts no sooner after the last one ended than this many times its duration.</summary>
    private const int RefitSpacing = 4;

    /// <summary>How long disposal waits for a background refit to notice it is stopped.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly CustomerStore _store;
    private readonly InsightsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ISegmentMembershipObserver[] _observers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FactTable _table = new();
    private readonly SortedDictionary<string, CompiledSegment> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _nextFactChange = [];
    private readonly ITimer _timer;
    private readonly CustomerFactsBuilder _facts;
    private readonly PersistedPopulation _persisted;
    private Dictionary<string, double> _influence = new(StringComparer.Ordinal);
    private InfluenceScores? _influenceScores;
    private PopulationModels? _models;
    private volatile bool _loaded;
    private SegmentProbe? _probe; // the segments for reads of one customer before the table is loaded; reset when they change
    private readonly CancellationTokenSource _stopping = new();
    private RefitWindow? _window; // the background refit in flight, if any (read and written under the gate)
    private int _generation; // counts the fits applied, so that an older background fit never replaces a newer one
    private DateTimeOffset _refitAllowedFrom = DateTimeOffset.MinValue;
    private bool _coldRefitWanted; // a read of one customer found the stored models due: the next tick loads in the background
    private Task _refit = Task.CompletedTask;
    private int _stopped;

    public CustomerInsights(
        CustomerStore store,
        IOptions<InsightsOptions> options,
        TimeProvider time,
        IEnumerable<ISegmentMembershipObserver> observers,
        ILogger<CustomerInsights>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _observers = observers?.ToArray() ?? [];
        _logger = logger ?? NullLogger<CustomerInsights>.Instance;
        _facts = new CustomerFactsBuilder(_options);
        _persisted = new PersistedPopulation(_store, _options, _time, _logger);
        foreach (var definition in _options.Segments)
        {
            _segments[definition.Name] = Compile(definition);
        }

        _timer = _time.CreateTimer(_ => LastTick = TickAsync(CancellationToken.None), null, _options.ReevaluationInterval, _options.ReevaluationInterval);
    }

    /// <summary>The last scheduled re-evaluation (tests await it after advancing a fake clock).</summary>
    internal Task LastTick { get; private set; } = Task.CompletedTask;

    /// <summary>The last background refit started (tests await it; it never faults: failures are logged).</summary>
    internal Task LastRefit => _refit;

    /// <summary>Runs between a background refit's read of the store and its application under the gate (a test seam).</summary>
    internal Func<CancellationToken, Task>? BetweenRefitPhases { get; set; }

    internal FactTable Table => _table;

    /// <summary>Stops the timer and a background refit, and waits for the refit to stop.</summary>
    public void Dispose()
    {
        if (Stop())
        {
            _refit.Wait(StopTimeout); // the refit never faults
        }
    }

    /// <summary>Stops the timer and a background refit, and waits for the refit to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Stop())
        {
            try
            {
                await _refit.WaitAsync(StopTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // it goes on stopping; the token it watches is never disposed
            }
        }
    }

    /// <summary>
    /// Stops the timer and signals a background refit to stop; false when already stopped. The stopping token is never
    /// disposed: a refit started just as this runs sees it cancelled and ends at its first check.
    /// </summary>
    private bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return false;
        }

        _timer.Dispose();
        _stopping.Cancel();
        return true;
    }

    public async ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        List<SegmentMembershipChange> published = [];
        if (changes.Erased.Count > 0)
        {
            _persisted.Forget(); // the erasure removed the stored models
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_window is { } window)
            {
                window.Discarded |= changes.Erased.Count > 0; // its models may have read what was erased
                window.Changed.UnionWith(changes.Changed);
                window.Changed.UnionWith(changes.Removed.Keys);
            }

            if (!_loaded)
            {
                await LoadAllAsync(published, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var now = _time.GetUtcNow();
                foreach (var removed in changes.Removed.Keys)
                {
                    RemoveRow(removed, now, published);
                }

                foreach (var id in changes.Changed)
                {
                    await UpdateRowAsync(id, now, published, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (!changes.FromElsewhere) // entries and exits caused on another instance are published there
        {
            await PublishAsync(published, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<CustomerInsight?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) is not { } live)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var events = await _store.ReadAllAsync(live, cancellationToken).ConfigureAwait(false);
        var profile = await _store.GetProfileAsync(live, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return null;
        }

        var account = LoyaltyLedger.Compute(events, _options.Loyalty, now);
        if (!_loaded && await _persisted.ReadAsync(cancellationToken).ConfigureAwait(false) is { } persisted)
        {
            // Before the population's table is loaded: this customer alone, under the models the store keeps, even when
            // they are due (the insight says when they were fitted); then the next tick loads and refits in the background.
            var due = PopulationModels.IsDue(persisted, (await _store.CountAsync(cancellationToken).ConfigureAwait(false)).Customers, now, _options);
            double? influence = persisted.HasInfluence ? await _persisted.InfluenceOfAsync(live, cancellationToken).ConfigureAwait(false) : null;
            if (await ReadOneAsync(profile, events, account, now, persisted, influence, due, cancellationToken).ConfigureAwait(false) is { } one)
            {
                return one;
            }
        }

        return await ReadAsync(
            () =>
            {
                var explanations = new List<SegmentExplanation>();
                if (_table.TryGetRow(live, out var row))
                {
                    foreach (var s in _segments.Values)
                    {
                        if (s.IsMember(row))
                        {
                            explanations.Add(s.Explain(row, live, now));
                        }
                    }
                }

                return new CustomerInsight
                {
                    CustomerId = live,
                    AsOf = now,
                    Loyalty = account,
                    Engagement = _facts.Engagement(events).At(now, _options.Engagement.HalfLife),
                    Rfm = _models?.Rfm.Score(_facts.RfmInputOf(profile)),
                    Influence = _influenceScores is null ? null : _influence.GetValueOrDefault(live),
                    Lifetime = _facts.LifetimeOf(_models, live, events, now),
                    ModelsFittedAt = _models?.FittedAt,
                    Segments = explanations,
                };
            },
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<SegmentInfo>> GetSegmentsAsync(CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<SegmentInfo>>(() => [.. _segments.Values.Select(s => s.Info)], cancellationToken);

    public async ValueTask<SegmentInfo> DefineSegmentAsync(SegmentDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        List<SegmentMembershipChange> published = [];
        SegmentInfo info;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken, published).ConfigureAwait(false);
            if (_segments.TryGetValue(definition.Name, out var old) && definition.Version <= old.Definition.Version)
            {
                throw new EcrmException($"Segment '{definition.Name}': expected a version above {old.Definition.Version}, received {definition.Version}.");
            }

            var compiled = Compile(definition);
            await FillNewSeriesAsync(compiled, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var members = compiled.EvaluateAll(_table, now.UtcTicks);
            foreach (var row in members)
            {
                compiled.SetMember(row, true);
            }

            // A new version publishes only the difference from the old one.
            foreach (var row in _table.LiveRows())
            {
                var was = old?.IsMember(row) == true;
                var isNow = compiled.IsMember(row);
                if (was != isNow)
                {
                    var id = _table.IdOf(row)!;
                    published.Add(new SegmentMembershipChange(definition.Name, definition.Version, id, isNow, now, compiled.Explain(row, id, now)));
                }
            }

            _segments[definition.Name] = compiled;
            _probe = null;
            info = compiled.Info;
        }
        finally
        {
            _gate.Release();
        }

        await PublishAsync(published, cancellationToken).ConfigureAwait(false);
        return info;
    }

    public async ValueTask<bool> RemoveSegmentAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _probe = null;
            return _segments.Remove(name);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<IReadOnlyList<string>> GetMembersAsync(string name, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<string>>(
            () =>
            {
                var s = Segment(name);
                return [.. _table.LiveRows().Where(s.IsMember).Select(r => _table.IdOf(r)!).Order(StringComparer.Ordinal)];
            },
            cancellationToken);

    public async ValueTask<SegmentExplanation?> ExplainAsync(string name, string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var live = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(
            () =>
            {
                var s = Segment(name);
                return live is not null && _table.TryGetRow(live, out var row) ? s.Explain(row, live, _time.GetUtcNow()) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> CountAsync(SegmentExpression rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        SegmentValidator.Validate(rule);
        List<SegmentMembershipChange> published = [];
        int count;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken, published).ConfigureAwait(false);
            var compiled = Compile(new SegmentDefinition("ad-hoc", 1, rule));
            await FillNewSeriesAsync(compiled, cancellationToken).ConfigureAwait(false);
            count = compiled.EvaluateAll(_table, _time.GetUtcNow().UtcTicks).Length;
        }
        finally
        {
            _gate.Release();
        }

        await PublishAsync(published, cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async ValueTask RefreshAsync(CancellationToken cancellationToken = default)
    {
        List<SegmentMembershipChange> published = [];
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAllAsync(published, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await PublishAsync(published, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<(string CustomerId, double Score)>> GetTopInfluencersAsync(int k, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return ReadAsync<IReadOnlyList<(string CustomerId, double Score)>>(
            () => _influenceScores is null ? [] : [.. _influenceScores.Top(k).Select(t => (t.CustomerId, t.Score))],
            cancellationToken);
    }

    public ValueTask<IReadOnlyDictionary<string, int>> GetTierDistributionAsync(CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyDictionary<string, int>>(
            () =>
            {
                var tiers = _table.Text("tier");
                return _table.LiveRows().GroupBy(r => tiers?.Get(r) ?? string.Empty).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            },
            cancellationToken);

    /// <summary>
    /// One customer's insight from the persisted models and the customer's own facts, with the segments evaluated on
    /// that row alone; null when the table got loaded meanwhile (the caller then reads from it).
    /// </summary>
    private async ValueTask<CustomerInsight?> ReadOneAsync(CustomerProfile profile, IReadOnlyList<CustomerEvent> events, LoyaltyAccount account, DateTimeOffset now, PopulationModels models, double? influence, bool modelsDue, CancellationToken cancellationToken)
    {
        var (facts, _) = _facts.FactsOf(profile, events, now, models, influence);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return null;
            }

            _coldRefitWanted |= modelsDue;
            _probe ??= new SegmentProbe(_segments.Values.Select(s => s.Definition), _options.Engagement.HalfLife);
            return new CustomerInsight
            {
                CustomerId = profile.Id,
                AsOf = now,
                Loyalty = account,
                Engagement = _facts.Engagement(events).At(now, _options.Engagement.HalfLife),
                Rfm = models.Rfm.Score(_facts.RfmInputOf(profile)),
                Influence = influence,
                Lifetime = _facts.LifetimeOf(models, profile.Id, events, now),
                ModelsFittedAt = models.FittedAt,
                Segments = _probe.MembershipOf(facts, now),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a read under the gate after making sure the table is loaded and the population models are fresh; any
    /// membership changes that brings are published once the gate is released.
    /// </summary>
    private async ValueTask<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        List<SegmentMembershipChange> published = [];
        T result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken, published).ConfigureAwait(false);
            result = read();
        }
        finally
        {
            _gate.Release();
        }

        await PublishAsync(published, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Recomputes the facts that expired and re-checks time-dependent segments (the timer's work).</summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            List<SegmentMembershipChange> published = [];
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_loaded)
                {
                    if (_coldRefitWanted)
                    {
                        StartRefit();
                    }

                    return;
                }

                await EnsureLoadedAsync(cancellationToken, published).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var due = _nextFactChange.Where(kv => kv.Value <= now.UtcTicks).Select(kv => kv.Key).ToList();
                foreach (var row in due)
                {
                    if (_table.IdOf(row) is { } id)
                    {
                        await UpdateRowAsync(id, now, published, cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var s in _segments.Values.Where(s => s.Predicate.DependsOnTime))
                {
                    Reevaluate(s, now, published);
                }
            }
            finally
            {
                _gate.Release();
            }

            await PublishAsync(published, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            InsightsLog.TickFailed(_logger, ex);
        }
    }

    private void Reevaluate(CompiledSegment s, DateTimeOffset now, List<SegmentMembershipChange> published)
    {
        var members = new HashSet<int>(s.EvaluateAll(_table, now.UtcTicks));
        foreach (var row in _table.LiveRows())
        {
            var isNow = members.Contains(row);
            if (s.IsMember(row) != isNow)
            {
                s.SetMember(row, isNow);
                var id = _table.IdOf(row)!;
                published.Add(new SegmentMembershipChange(s.Definition.Name, s.Definition.Version, id, isNow, now, s.Explain(row, id, now)));
            }
        }
    }

    /// <summary>
    /// Loads the table on first use (the caller waits), and starts a background refit of the population models (RFM
    /// cut points, influence, lifetime value) when they are stale: the population grew by more than 10% since, or
    /// <see cref="InsightsOptions.PopulationRefreshInterval"/> passed. Memberships that change on a load are published
    /// by the caller's next unit of work.
    /// </summary>
    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken, List<SegmentMembershipChange>? published = null)
    {
        if (!_loaded)
        {
            await LoadAllAsync(published ?? [], cancellationToken).ConfigureAwait(false);
        }
        else if (PopulationModels.IsDue(_models, _table.LiveCount, _time.GetUtcNow(), _options))
        {
            StartRefit();
        }
    }

    /// <summary>Reads every customer from the store, fits the models, loads the table and re-evaluates every segment (under the gate).</summary>
    private async Task LoadAllAsync(List<SegmentMembershipChange> published, CancellationToken cancellationToken)
    {
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.insights.refresh");
        _window?.Abandon(); // this fit is newer than the one in flight: that one would be thrown away
        var fit = await PopulationFit.RunAsync(_store, _facts, _options, _time.GetUtcNow(), _logger, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(fit, changedMeanwhile: null, published, cancellationToken).ConfigureAwait(false);
        await _persisted.WriteAsync(fit.Models, fit.Influence, fit.ErasuresSeen).ConfigureAwait(false); // after the table is whole: a failed write changes nothing here
    }

    /// <summary>
    /// Starts a refit in the background unless one is in flight, the engine is stopping, or the last one ended too
    /// recently (<see cref="RefitSpacing"/> times its duration: refits take at most a fifth of the time). Under the gate.
    /// </summary>
    private void StartRefit()
    {
        if (_window is not null || _stopping.IsCancellationRequested || _time.GetUtcNow() < _refitAllowedFrom)
        {
            return;
        }

        var window = new RefitWindow(_generation, _stopping.Token);
        _window = window;
        _coldRefitWanted = false;
        _refit = Task.Run(() => RefitAsync(window), CancellationToken.None);
    }

    /// <summary>
    /// A background refit: fits on the store outside the gate while changes go on (they are recorded in the window),
    /// then under the gate swaps the models, loads the fitted rows, computes again the rows changed meanwhile and
    /// re-evaluates every segment. Thrown away when an erasure or a newer fit came meanwhile; never faults.
    /// </summary>
    private async Task RefitAsync(RefitWindow window)
    {
        using var owned = window;
        var cancellationToken = window.Token;
        var started = _time.GetTimestamp();
        List<SegmentMembershipChange> published = [];
        PopulationFit? applied = null;
        try
        {
            using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.insights.refit");
            var fit = await PopulationFit.RunAsync(_store, _facts, _options, _time.GetUtcNow(), _logger, cancellationToken).ConfigureAwait(false);
            if (BetweenRefitPhases is { } between)
            {
                await between(cancellationToken).ConfigureAwait(false);
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _window = null; // from here the rows this refit changes are its own
                // An erasure whose notification has not reached this engine yet counts as well: the store's list says.
                var erasures = (await _store.GetErasuresAsync(CancellationToken.None).ConfigureAwait(false)).Count;
                if (!window.Discarded && erasures == fit.ErasuresSeen && window.Generation == _generation)
                {
                    await ApplyAsync(fit, window.Changed, published, CancellationToken.None).ConfigureAwait(false); // never left half done
                    applied = fit;
                }
                else
                {
                    InsightsLog.RefitDiscarded(_logger);
                }

                _refitAllowedFrom = _time.GetUtcNow() + (RefitSpacing * _time.GetElapsedTime(started));
            }
            finally
            {
                _gate.Release();
            }

            await PublishAsync(published, CancellationToken.None).ConfigureAwait(false); // before the slow write: in the order the gate gave
            if (applied is not null)
            {
                await _persisted.WriteAsync(applied.Models, applied.Influence, applied.ErasuresSeen).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (applied is not null)
        {
            InsightsLog.RefitFailed(_logger, ex); // applied; only publishing or storing failed (both log their own errors first)
        }
        catch (Exception ex)
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (ReferenceEquals(_window, window))
                {
                    _window = null;
                }

                if (!cancellationToken.IsCancellationRequested)
                {
                    // A failing store is not read again at every due check: the next refit waits as after a success.
                    _refitAllowedFrom = _time.GetUtcNow() + TimeSpan.FromTicks(Math.Max(RefitSpacing * _time.GetElapsedTime(started).Ticks, _options.ReevaluationInterval.Ticks));
                    InsightsLog.RefitFailed(_logger, ex);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Makes a fit the engine's models and table (under the gate): rows of customers gone are removed, the fitted rows
    /// loaded, the rows of customers changed since the fit read them computed again, and every segment re-evaluated.
    /// </summary>
    private async Task ApplyAsync(PopulationFit fit, HashSet<string>? changedMeanwhile, List<SegmentMembershipChange> published, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _models = fit.Models;
        _influenceScores = fit.InfluenceScores;
        _influence = fit.Influence;
        _generation++;
        foreach (var row in _table.LiveRows())
        {
            if (_table.IdOf(row) is { } id && !fit.Influence.ContainsKey(id) && changedMeanwhile?.Contains(id) != true)
            {
                RemoveRow(id, now, published);
            }
        }

        var again = new List<string>(changedMeanwhile ?? []);
        foreach (var (facts, next) in fit.Rows)
        {
            if (changedMeanwhile?.Contains(facts.CustomerId) == true)
            {
                continue;
            }

            SetNextChange(_table.Upsert(facts), next);
            if (next <= now)
            {
                again.Add(facts.CustomerId); // fitted before a change that time alone brought since (points expired)
            }
        }

        _loaded = true;
        _probe = null;
        try
        {
            foreach (var id in again)
            {
                await UpdateRowAsync(id, now, published, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var s in _segments.Values)
            {
                Reevaluate(s, now, published); // memberships always follow the rows, even if a read above failed
            }
        }

        InsightsLog.Refreshed(_logger, fit.Rows.Count, _segments.Count);
    }

    private async Task UpdateRowAsync(string customerId, DateTimeOffset now, List<SegmentMembershipChange> published, CancellationToken cancellationToken)
    {
        var profile = await _store.GetProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (profile is null || !string.Equals(profile.Id, customerId, StringComparison.Ordinal))
        {
            RemoveRow(customerId, now, published);
            return;
        }

        var events = await _store.ReadAllAsync(customerId, cancellationToken).ConfigureAwait(false);
        var (facts, next) = FactsOf(profile, events, now);
        var row = _table.Upsert(facts);
        SetNextChange(row, next);
        foreach (var s in _segments.Values)
        {
            var isNow = s.Predicate.Test(row, now.UtcTicks);
            if (s.IsMember(row) != isNow)
            {
                s.SetMember(row, isNow);
                published.Add(new SegmentMembershipChange(s.Definition.Name, s.Definition.Version, customerId, isNow, now, s.Explain(row, customerId, now)));
            }
        }
    }

    private void RemoveRow(string customerId, DateTimeOffset now, List<SegmentMembershipChange> published)
    {
        if (!_table.Remove(customerId, out var row))
        {
            return;
        }

        _nextFactChange.Remove(row);
        foreach (var s in _segments.Values)
        {
            if (s.IsMember(row))
            {
                s.SetMember(row, false);
                published.Add(new SegmentMembershipChange(s.Definition.Name, s.Definition.Version, customerId, false, now, null));
            }
        }
    }

    private void SetNextChange(int row, DateTimeOffset? next)
    {
        if (next is { } at)
        {
            _nextFactChange[row] = at.UtcTicks;
        }
        else
        {
            _nextFactChange.Remove(row);
        }
    }

    private (CustomerFacts Facts, DateTimeOffset? NextChange) FactsOf(CustomerProfile profile, IReadOnlyList<CustomerEvent> events, DateTimeOffset now)
        => _facts.FactsOf(profile, events, now, _models, _influenceScores is null ? null : _influence.GetValueOrDefault(profile.Id));

    private CompiledSegment Compile(SegmentDefinition definition)
    {
        var newSeries = new List<SeriesColumn>();
        var predicate = SegmentCompiler.Compile(definition.Rule, _table, _options.Engagement.HalfLife, newSeries);
        return new CompiledSegment(definition, predicate, newSeries);
    }

    private async Task FillNewSeriesAsync(CompiledSegment s, CancellationToken cancellationToken)
    {
        if (s.NewSeries.Count == 0 || !_loaded)
        {
            return;
        }

        foreach (var row in _table.LiveRows())
        {
            var events = await _store.ReadAllAsync(_table.IdOf(row)!, cancellationToken).ConfigureAwait(false);
            foreach (var series in s.NewSeries)
            {
                series.Set(row, events);
            }
        }
    }

    private CompiledSegment Segment(string name)
        => _segments.TryGetValue(name, out var s) ? s : throw new EcrmException($"Segment: expected one of {string.Join(", ", _segments.Keys)}, received '{name}'.");

    private async Task PublishAsync(List<SegmentMembershipChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnMembershipChangedAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                InsightsLog.ObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }
    }

    /// <summary>A segment compiled against the table, with its membership by row.</summary>
    private sealed class CompiledSegment(SegmentDefinition definition, RowPredicate predicate, List<SeriesColumn> newSeries)
    {
        private bool[] _members = new bool[16];

        public SegmentDefinition Definition { get; } = definition;

        public RowPredicate Predicate { get; } = predicate;

        public List<SeriesColumn> NewSeries { get; } = newSeries;

        public int Size { get; private set; }

        public SegmentInfo Info => new(Definition.Name, Definition.Version, SegmentText.Format(Definition.Rule), Definition.Description, Size, Predicate.DependsOnTime);

        public bool IsMember(int row) => row < _members.Length && _members[row];

        public void SetMember(int row, bool member)
        {
            if (row >= _members.Length)
            {
                Array.Resize(ref _members, Math.Max(row + 1, _members.Length * 2));
            }

            if (_members[row] != member)
            {
                _members[row] = member;
                Size += member ? 1 : -1;
            }
        }

        public int[] EvaluateAll(FactTable table, long now)
        {
            var rows = table.LiveRows();
            var count = Predicate.Filter(rows, rows.Length, now);
            return rows[..count];
        }

        public SegmentExplanation Explain(int row, string customerId, DateTimeOffset now)
            => SegmentProbe.Explain(Definition, Predicate, row, customerId, now);
    }
}

/// <summary>Log messages of the insights engine.</summary>
internal static partial class InsightsLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Insights refreshed: {Customers} customers, {Segments} segments")]
    public static partial void Refreshed(ILogger logger, int customers, int segments);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Scheduled segment re-evaluation failed")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Segment membership observer {Observer} failed")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Lifetime-value models were not fitted: {Reason}")]
    public static partial void LifetimeFitFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "The store's population models could not be read ({Reason}); they are fitted again when the population is loaded")]
    public static partial void PopulationUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The population models could not be written to the store; they stay in use in this process")]
    public static partial void PopulationNotWritten(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "A background refit of the population models failed; the models in use stay, and the next due check starts another")]
    public static partial void RefitFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "A background refit was thrown away: an erasure or a newer fit came while it read the store")]
    public static partial void RefitDiscarded(ILogger logger);
}
