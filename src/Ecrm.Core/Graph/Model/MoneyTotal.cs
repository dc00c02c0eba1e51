namespace Ecrm;

/// <summary>Money spent and refunded in one currency.</summary>
/// <param name="Currency">The ISO 4217 code.</param>
/// <param name="Purchased">The sum of purchase amounts.</param>
/// <param name="Refunded">The sum of refund amounts.</param>
public sealed record MoneyTotal(string Currency, decimal Purchased, decimal Refunded)
{
    /// <summary>Gets purchases less refunds.</summary>
    public decimal Net => Purchased - Refunded;
}
