namespace Ecrm;

/// <summary>One line of an order or cart.</summary>
public sealed record LineItem
{
    /// <summary>Gets the stock-keeping unit (required).</summary>
    public required string Sku { get; init; }

    /// <summary>Gets the product name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the product category, for example <c>手机</c>.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the quantity (at least 1).</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>Gets the unit price in the event's currency (never negative).</summary>
    public decimal UnitPrice { get; init; }
}
