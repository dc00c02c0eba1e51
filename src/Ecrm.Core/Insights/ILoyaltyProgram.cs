using Ecrm.Loyalty;

namespace Ecrm.Insights;

/// <summary>Points accounts and redemptions.</summary>
public interface ILoyaltyProgram
{
    /// <summary>A customer's account now: balance, ledger, next expiry, tier.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account, or null for an unknown customer.</returns>
    ValueTask<LoyaltyAccount?> GetAccountAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Redeems points: recorded as an event of type <c>points-redeemed</c> on channel <c>loyalty</c> in the customer's
    /// history. Idempotent by <paramref name="redemptionId"/>: repeating a redemption returns the account unchanged.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="points">How many points (1 or more).</param>
    /// <param name="redemptionId">The redemption's unique id (e.g. the gift order's id): the event's idempotency id.</param>
    /// <param name="reason">What the points were spent on.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account after the redemption.</returns>
    /// <exception cref="InsufficientPointsException">The balance is below <paramref name="points"/>; nothing is recorded.</exception>
    /// <exception cref="EcrmException">An unknown customer, or a redemption id already used for something else.</exception>
    ValueTask<LoyaltyAccount> RedeemAsync(string customerId, long points, string redemptionId, string? reason = null, CancellationToken cancellationToken = default);
}
