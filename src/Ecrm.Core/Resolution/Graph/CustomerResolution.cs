using System.Globalization;
using Ecrm.Graph.Engine;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Resolution;

/// <summary>
/// Identity resolution over the customer graph's profiles (name, birth date, city, region, phone, e-mail). Matches are
/// linked by ingesting an <c>identity-match</c> event that names one identity of each customer and carries the
/// evidence: the graph then merges them with its ordinary rules (uniqueness conflicts, undo).
/// </summary>
internal sealed class CustomerResolution : ICustomerResolution, ICustomerChangeObserver, IDisposable
{
    /// <summary>The channel of link events.</summary>
    public static readonly EventChannel Channel = EventChannel.FromName("resolver");

    /// <summary>The type of link events.</summary>
    public static readonly EventType MatchType = EventType.FromName("identity-match");

    private static readonly (string Name, FieldKind Kind)[] Fields =
    [
        ("name", FieldKind.FullName), ("birth-date", FieldKind.BirthDate), ("city", FieldKind.City),
        ("region", FieldKind.Region), ("phone", FieldKind.Phone), ("email", FieldKind.Email),
    ];

    private readonly IServiceProvider _services;
    private readonly CustomerStore _store;
    private readonly IdentityResolutionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ReviewItem> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Left, string Right)> _rejected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexed = new(StringComparer.Ordinal);
    private ResolutionIndex? _index;

    public CustomerResolution(IServiceProvider services, CustomerStore store, IOptions<IdentityResolutionOptions> options, TimeProvider time, ILogger<CustomerResolution>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<CustomerResolution>.Instance;
    }

    // The graph notifies this observer, so it is resolved on first use rather than injected (no cycle).
    private ICustomerGraph Graph => _services.GetRequiredService<ICustomerGraph>();

    public void Dispose() => _gate.Dispose();

    public async ValueTask<ResolutionRunSummary> ResolveStoreAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<MatchDecision> decisions;
        IReadOnlyList<ResolutionWarning> warnings;
        int customers;
        long pairs;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = new List<ResolutionRecord>();
            await foreach (var p in _store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
            {
                if (RecordOf(p) is { } r)
                {
                    records.Add(r);
                }
            }

            customers = records.Count;
            if (records.Count < 2)
            {
                return new ResolutionRunSummary(records.Count, 0, 0, 0);
            }

            // Pairs a person rejected stay apart in the new index too (under the ids the customers have now).
            var keptApart = new List<(string, string)>();
            foreach (var (left, right) in _rejected.Values)
            {
                if (await _store.ResolveIdAsync(left, cancellationToken).ConfigureAwait(false) is { } l
                    && await _store.ResolveIdAsync(right, cancellationToken).ConfigureAwait(false) is { } r)
                {
                    keptApart.Add((l, r));
                }
            }

            _index = ResolutionIndex.Build(records, ResolverOptions(), keptApart, cancellationToken);
            _indexed.Clear();
            _indexed.UnionWith(records.Select(r => r.Id));
            decisions = _index.Result.Decisions;
            pairs = _index.Result.CandidatePairs;
            warnings = _index.Result.Warnings;
        }
        finally
        {
            _gate.Release();
        }

        var (merged, review) = await ActAsync(decisions, cancellationToken).ConfigureAwait(false);
        ResolutionLog.Ran(_logger, customers, pairs, merged, review);
        foreach (var w in warnings)
        {
            ResolutionLog.Warned(_logger, w.Code, w.Message);
        }

        return new ResolutionRunSummary(customers, pairs, merged, review) { Warnings = warnings };
    }

    public async ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var decisions = new List<MatchDecision>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (changes.Erased.Count > 0)
            {
                // The index holds copies of names, phones and addresses: drop it; the next ResolveStoreAsync rebuilds
                // it from the anonymised store. Reviews about an erased customer carry their values as evidence: drop
                // them too.
                _index = null;
                _indexed.Clear();
                var erased = new HashSet<string>(changes.Erased, StringComparer.Ordinal);
                foreach (var (id, item) in _reviews.ToList())
                {
                    if (erased.Contains(item.Decision.LeftId) || erased.Contains(item.Decision.RightId)
                        || erased.Contains(await _store.ResolveIdAsync(item.Decision.LeftId, cancellationToken).ConfigureAwait(false) ?? string.Empty)
                        || erased.Contains(await _store.ResolveIdAsync(item.Decision.RightId, cancellationToken).ConfigureAwait(false) ?? string.Empty))
                    {
                        _reviews.Remove(id);
                    }
                }
            }

            if (_index is null)
            {
                return; // incremental resolution starts after the first ResolveStoreAsync
            }

            foreach (var id in changes.Changed)
            {
                if (_indexed.Contains(id) || await _store.GetProfileAsync(id, cancellationToken).ConfigureAwait(false) is not { } profile || RecordOf(profile) is not { } record)
                {
                    continue;
                }

                _indexed.Add(id);
                decisions.AddRange(_index.Add(record));
            }
        }
        finally
        {
            _gate.Release();
        }

        await ActAsync(decisions, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ReviewItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _reviews.Values];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> ApproveAsync(string reviewId, CancellationToken cancellationToken = default)
    {
        var item = await TakeAsync(reviewId, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return false;
        }

        await LinkAsync(item.Decision, cancellationToken).ConfigureAwait(false);
        await WithIndexAsync(index => index.Link(item.Decision.LeftId, item.Decision.RightId), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<bool> RejectAsync(string reviewId, CancellationToken cancellationToken = default)
    {
        var item = await TakeAsync(reviewId, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _rejected[item.Id] = (item.Decision.LeftId, item.Decision.RightId);
        _gate.Release();

        // The index keeps them apart from now on: no third customer joins them through itself.
        await WithIndexAsync(index => index.KeepApart(item.Decision.LeftId, item.Decision.RightId), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Applies a person's decision to the index, when there is one and it still holds both customers.</summary>
    private async Task WithIndexAsync(Func<ResolutionIndex, bool> decide, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_index is { } index)
            {
                try
                {
                    decide(index);
                }
                catch (EcrmException)
                {
                    // A customer of the decision is not in this index (it was rebuilt since): the next build applies it.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string PairId(string a, string b)
        => string.CompareOrdinal(a, b) < 0 ? DeterministicId.Create("mat_", a, b) : DeterministicId.Create("mat_", b, a);

    private ResolverOptions ResolverOptions()
    {
        var o = new ResolverOptions { MatchProbability = _options.MatchProbability, ReviewProbability = _options.ReviewProbability };
        foreach (var (name, kind) in Fields)
        {
            o.Fields.Add(new ResolutionField(name, kind));
        }

        return o;
    }

    private ResolutionRecord? RecordOf(CustomerProfile p)
    {
        string? Trait(string name) => p.Traits.TryGetValue(name, out var t) ? t.Value : null;
        string? Identity(IdentityKind kind) => p.Identities.FirstOrDefault(i => i.Identity.Kind == kind)?.Identity.Value;
        string?[] values = [Trait("name"), Trait("birth-date"), Trait("city"), Trait("region"), Identity(IdentityKind.Phone), Identity(IdentityKind.Email)];
        return values[0] is null || values.Count(v => v is not null) < _options.MinimumFields ? null : new ResolutionRecord(p.Id, values);
    }

    private async Task<(int Merged, int Review)> ActAsync(IEnumerable<MatchDecision> decisions, CancellationToken cancellationToken)
    {
        int merged = 0, review = 0;
        foreach (var d in decisions)
        {
            var id = PairId(d.LeftId, d.RightId);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            bool rejected;
            try
            {
                // A pair a person rejected stays apart, even when a refitted model later calls it a match.
                rejected = _rejected.ContainsKey(id);
                if (!rejected && d.Outcome == MatchOutcome.Review && _reviews.TryAdd(id, new ReviewItem(id, d)))
                {
                    review++;
                }
                else if (d.Outcome == MatchOutcome.Match)
                {
                    _reviews.Remove(id); // a pair waiting for review that a refitted model now merges
                }
            }
            finally
            {
                _gate.Release();
            }

            if (!rejected && d.Outcome == MatchOutcome.Match)
            {
                merged += await LinkAsync(d, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return (merged, review);
    }

    /// <summary>Links two customers by ingesting an identity-match event with the evidence; false when already one.</summary>
    private async Task<bool> LinkAsync(MatchDecision d, CancellationToken cancellationToken)
    {
        var left = await _store.ResolveIdAsync(d.LeftId, cancellationToken).ConfigureAwait(false);
        var right = await _store.ResolveIdAsync(d.RightId, cancellationToken).ConfigureAwait(false);
        if (left is null || right is null || left == right)
        {
            return false;
        }

        var a = await _store.GetProfileAsync(left, cancellationToken).ConfigureAwait(false);
        var b = await _store.GetProfileAsync(right, cancellationToken).ConfigureAwait(false);
        if (a is not { Identities.Count: > 0 } || b is not { Identities.Count: > 0 })
        {
            return false;
        }

        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["probability"] = d.Probability.ToString("0.######", CultureInfo.InvariantCulture),
            ["weight"] = d.Weight.ToString("0.##", CultureInfo.InvariantCulture),
            ["customers"] = $"{d.LeftId} {d.RightId}",
        };
        foreach (var e in d.Evidence)
        {
            evidence[e.Field] = e.Level == "missing" ? "missing" : string.Create(CultureInfo.InvariantCulture, $"{e.Level} ({e.Weight:+0.0;-0.0})");
        }

        await Graph.IngestAsync(
            new CustomerEvent
            {
                Id = PairId(d.LeftId, d.RightId),
                Channel = Channel,
                Type = MatchType,
                OccurredAt = _time.GetUtcNow(),
                Identities = [a.Identities[0].Identity, b.Identities[0].Identity],
                Properties = new EventProperties
                {
                    Text = string.Create(CultureInfo.InvariantCulture, $"Same person with probability {d.Probability:0.####}: ") + string.Join(", ", d.Evidence.Where(e => e.Level != "missing").Select(e => $"{e.Field} {e.Level}")),
                    Custom = evidence,
                },
            },
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<ReviewItem?> TakeAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reviewId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _reviews.Remove(reviewId, out var item) ? item : null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Log messages of identity resolution.</summary>
internal static partial class ResolutionLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Identity resolution: {Customers} customers, {Pairs} candidate pairs, {Merged} merged, {Review} to review")]
    public static partial void Ran(ILogger logger, int customers, long pairs, int merged, int review);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Identity resolution: {Code}: {Message}")]
    public static partial void Warned(ILogger logger, ResolutionWarningCode code, string message);
}
