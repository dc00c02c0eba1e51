using Ecrm.Loyalty;
using Ecrm.Storage;
using Microsoft.Extensions.Options;

namespace Ecrm.Insights;

/// <summary>Accounts from the ledger fold; redemptions recorded as events through the customer graph.</summary>
internal sealed class LoyaltyProgram : ILoyaltyProgram, IDisposable
{
    private readonly ICustomerGraph _graph;
    private readonly CustomerStore _store;
    private readonly InsightsOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _redemptions = new(1, 1);

    public LoyaltyProgram(ICustomerGraph graph, CustomerStore store, IOptions<InsightsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public void Dispose() => _redemptions.Dispose();

    public async ValueTask<LoyaltyAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var live = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false);
        return live is null ? null : LoyaltyLedger.Compute(await _store.ReadAllAsync(live, cancellationToken).ConfigureAwait(false), _options.Loyalty, _time.GetUtcNow());
    }

    public async ValueTask<LoyaltyAccount> RedeemAsync(string customerId, long points, string redemptionId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(redemptionId);
        if (points < 1)
        {
            throw new EcrmException($"points: expected 1 or more, received {points}.");
        }

        // One redemption at a time in this process, so two requests cannot both spend the same balance.
        await _redemptions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var live = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false)
                ?? throw new EcrmException($"Redemption: expected a known customer id, received '{customerId}'.");
            if (await _store.GetEventAsync(redemptionId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                if (existing.Type != LoyaltyOptions.RedemptionType || await _graph.ResolveAsync(existing.Identities[0], cancellationToken).ConfigureAwait(false) != live)
                {
                    throw new EcrmException($"Redemption: expected a new redemption id, received '{redemptionId}', already used by another event.");
                }

                return (await GetAccountAsync(live, cancellationToken).ConfigureAwait(false))!; // a replay: nothing changes
            }

            var account = (await GetAccountAsync(live, cancellationToken).ConfigureAwait(false))!;
            if (account.Balance < points)
            {
                throw new InsufficientPointsException(live, points, account.Balance);
            }

            var profile = await _store.GetProfileAsync(live, cancellationToken).ConfigureAwait(false)
                ?? throw new EcrmException($"Redemption: expected a known customer id, received '{customerId}'.");
            await _graph.IngestAsync(
                new CustomerEvent
                {
                    Id = redemptionId,
                    Channel = LoyaltyOptions.RedemptionChannel,
                    Type = LoyaltyOptions.RedemptionType,
                    OccurredAt = _time.GetUtcNow(),
                    Identities = [profile.Identities[0].Identity],
                    Properties = new EventProperties { Amount = points, Text = reason },
                },
                cancellationToken).ConfigureAwait(false);
            return (await GetAccountAsync(live, cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            _redemptions.Release();
        }
    }
}
