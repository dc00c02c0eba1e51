namespace Ecrm.Scoring;

/// <summary>What RFM needs about one customer's purchases.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="LastPurchaseAt">When the customer last bought.</param>
/// <param name="Orders">How many purchases.</param>
/// <param name="Spend">The total spent (net of refunds).</param>
public readonly record struct RfmInput(string CustomerId, DateTimeOffset LastPurchaseAt, long Orders, decimal Spend)
{
    /// <summary>The RFM figures of a profile: last purchase, order count and net spend in one currency (no orders without a last purchase).</summary>
    /// <param name="profile">The customer's profile.</param>
    /// <param name="currency">The ISO 4217 currency whose net spend counts.</param>
    /// <returns>The input; <see cref="Orders"/> is 0 for a customer who never bought.</returns>
    public static RfmInput From(CustomerProfile profile, string currency)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var c = profile.Counters;
        return new RfmInput(
            profile.Id,
            c.LastPurchaseAt ?? DateTimeOffset.MinValue,
            c.LastPurchaseAt is null ? 0 : c.Orders,
            c.Money.Where(m => string.Equals(m.Currency, currency, StringComparison.Ordinal)).Sum(m => m.Net));
    }
}
