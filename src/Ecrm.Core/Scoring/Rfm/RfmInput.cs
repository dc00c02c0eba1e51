namespace Ecrm.Scoring;

/// <summary>What RFM needs about one customer's purchases.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="LastPurchaseAt">When the customer last bought.</param>
/// <param name="Orders">How many purchases.</param>
/// <param name="Spend">The total spent (net of refunds).</param>
public readonly record struct RfmInput(string CustomerId, DateTimeOffset LastPurchaseAt, long Orders, decimal Spend);
