using Ecrm.Insights;
using Ecrm.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Recommendations;

/// <summary>
/// The recommender: an observer of ingestion that keeps every order's items (its basket), the catalogue seen on order
/// lines and each customer's purchases, rebuilt from the store on first use; rules are mined again when stale. Until
/// that first load, a store that keeps derived state answers from the rules it holds (<see cref="RulesDocument"/>) and
/// the customer's own purchases, so that one customer's recommendations do not read every customer.
/// </summary>
internal sealed partial class RecommendationService : IRecommender, ICustomerChangeObserver, IDisposable
{
    private readonly CustomerStore _store;
    private readonly RecommendationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StoreReplay _replay;
    private readonly PersistedDocument<MinedRules> _persisted;
    private readonly Lock _gate = new();
    private readonly List<string[]> _baskets = [];
    private readonly Dictionary<string, CatalogueItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, string[] Skus)>> _purchases = new(StringComparer.Ordinal);
    private MinedRules? _mined;
    private int _minedFrom; // how many baskets _mined was mined from (the set counts only those with a SKU)
    private readonly SemaphoreSlim _writing = new(1, 1);
    private MinedRules? _written; // the last rules written to the store (or tried)

    public RecommendationService(CustomerStore store, IOptions<RecommendationOptions> options, TimeProvider time, ILogger<RecommendationService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _replay = new StoreReplay(store);
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<RecommendationService>.Instance;
        _persisted = new(store, RulesDocument.Name, s => RulesDocument.Read(s, _options), _options.RefreshInterval, _time, reason => RulesUnreadable(_logger, reason));
    }

    public int In360 => _options.In360;

    public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Erased.Count > 0)
        {
            _persisted.Forget(); // the erasure removed the stored rules
        }

        return _replay.ApplyAsync(changes, _gate, _purchases, (moved, survivor) => Purchases(survivor).AddRange(moved), Read, cancellationToken);
    }

    public async ValueTask<AssociationRuleSet> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return (await RulesAsync(cancellationToken).ConfigureAwait(false)).Set!;
    }

    public async ValueTask<AssociationRuleSet> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _mined = null; // mined again by the next call, on every basket
        }

        return (await RulesAsync(cancellationToken).ConfigureAwait(false)).Set!;
    }

    public async ValueTask<IReadOnlyList<Recommendation>> RecommendAsync(string customerId, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        if (!_replay.Loaded && await _persisted.ReadAsync(cancellationToken).ConfigureAwait(false) is { } stored && !await IsDueAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            // Before the first load: the stored rules, and this customer's purchases read from the store. SKUs the rules'
            // catalogue does not know (bought since) are named as the customer's own order lines name them.
            var live = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
            var history = new List<(DateTimeOffset, string[])>();
            var own = new Dictionary<string, CatalogueItem>(StringComparer.Ordinal);
            foreach (var e in await _store.ReadAllAsync(live, cancellationToken).ConfigureAwait(false))
            {
                if (RecommendationRanking.SkusOf(e) is { } skus)
                {
                    history.Add((e.OccurredAt, skus));
                    foreach (var line in e.Properties!.LineItems!)
                    {
                        var item = own.GetValueOrDefault(line.Sku);
                        own[line.Sku] = new CatalogueItem(line.Name ?? item?.Name, line.Category ?? item?.Category);
                    }
                }
            }

            return RecommendationRanking.Rank(stored, history, sku => stored.Catalogue.GetValueOrDefault(sku) ?? own.GetValueOrDefault(sku), _options, _time.GetUtcNow(), count);
        }

        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var mined = await RulesAsync(cancellationToken).ConfigureAwait(false);
        var id = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        return Recommend(mined, id, count);
    }

    public void Dispose()
    {
        _replay.Dispose();
        _writing.Dispose();
    }

    internal IReadOnlyList<Recommendation> Recommend(string customerId, int count) => Recommend(Rules(), customerId, count);

    internal ValueTask EnsureLoadedAsync(CancellationToken cancellationToken) => _replay.EnsureAsync(_gate, Read, cancellationToken);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "The store's recommendation rules could not be read ({Reason}); they are mined again when the baskets are loaded")]
    private static partial void RulesUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "The recommendation rules could not be written to the store; they stay in use in this process")]
    private static partial void RulesNotWritten(ILogger logger, Exception exception);

    /// <summary>Whether stored rules are due for mining again: as old as the refresh interval, and events arrived since.</summary>
    private async ValueTask<bool> IsDueAsync(MinedRules stored, CancellationToken cancellationToken)
        => _time.GetUtcNow() - stored.At >= _options.RefreshInterval
            && (await _store.CountAsync(cancellationToken).ConfigureAwait(false)).Events != stored.StoreEvents;

    private IReadOnlyList<Recommendation> Recommend(MinedRules mined, string customerId, int count)
    {
        List<(DateTimeOffset At, string[] Skus)> history;
        lock (_gate)
        {
            history = [.. _purchases.GetValueOrDefault(customerId) ?? []];
        }

        return RecommendationRanking.Rank(mined, history, CatalogueItemOf, _options, _time.GetUtcNow(), count);
    }

    private CatalogueItem? CatalogueItemOf(string sku)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(sku);
        }
    }

    private void Read(CustomerEvent e, string customerId)
    {
        if (RecommendationRanking.SkusOf(e) is not { } skus)
        {
            return;
        }

        foreach (var line in e.Properties!.LineItems!)
        {
            var item = _items.GetValueOrDefault(line.Sku);
            _items[line.Sku] = new CatalogueItem(line.Name ?? item?.Name, line.Category ?? item?.Category);
        }

        _baskets.Add(skus);
        Purchases(customerId).Add((e.OccurredAt, skus));
    }

    private List<(DateTimeOffset At, string[] Skus)> Purchases(string customerId)
    {
        if (!_purchases.TryGetValue(customerId, out var list))
        {
            _purchases[customerId] = list = [];
        }

        return list;
    }

    /// <summary>
    /// The rules in use (<see cref="Rules"/>); newly mined ones are written to the store, once each, for the next
    /// process's reads of one customer. The rules hold SKUs, names and counts only (nothing about a customer), so the
    /// erasure count the write states is read now. A failed write is logged and tried with the next mining.
    /// </summary>
    private async ValueTask<MinedRules> RulesAsync(CancellationToken cancellationToken)
    {
        var mined = Rules();
        if (_persisted.Store is null || ReferenceEquals(mined, Volatile.Read(ref _written)))
        {
            return mined;
        }

        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Only the newest mining is written: an older one waiting here behind a newer one's write is skipped.
            if (!ReferenceEquals(mined, _written) && ReferenceEquals(mined, Volatile.Read(ref _mined)))
            {
                _written = mined;
                var erasures = (await _store.GetErasuresAsync(CancellationToken.None).ConfigureAwait(false)).Count;
                var events = (await _store.CountAsync(CancellationToken.None).ConfigureAwait(false)).Events;
                await _persisted.WriteAsync(mined, RulesDocument.Write(mined, _options, events), [], erasures, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RulesNotWritten(_logger, ex);
        }
        finally
        {
            _writing.Release();
        }

        return mined;
    }

    /// <summary>The rules in use, mined again when new baskets arrived and the refresh interval passed (or none were mined).</summary>
    private MinedRules Rules()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_mined is { } current && (_minedFrom == _baskets.Count || now - current.At < _options.RefreshInterval))
            {
                return current;
            }

            var set = AssociationRuleSet.Mine(_baskets, new AssociationRuleOptions { MinSupport = _options.MinSupport, MinConfidence = _options.MinConfidence, MaxItems = _options.MaxRuleItems });
            _minedFrom = _baskets.Count;
            _mined = MinedRules.Of(set, new Dictionary<string, CatalogueItem>(_items, StringComparer.Ordinal), now);
            return _mined;
        }
    }
}
