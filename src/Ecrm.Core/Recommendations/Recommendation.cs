namespace Ecrm.Recommendations;

/// <summary>One item recommended to a customer, with its reason.</summary>
/// <param name="Sku">The item.</param>
/// <param name="Name">Its name, as last seen on an order line.</param>
/// <param name="Category">Its category, as last seen.</param>
/// <param name="Score">The blended score (higher first; comparable within one customer's list).</param>
/// <param name="Source">What the recommendation rests on.</param>
/// <param name="Because">The customer's items a rule rests on (empty for the other sources).</param>
/// <param name="Confidence">The rule's confidence, the category's share of the customer's purchases, or the item's share of baskets.</param>
/// <param name="Reason">The reason in words, such as "bought 龙井 礼盒, and 73% of buyers of 龙井 礼盒 also bought 紫砂杯".</param>
public sealed record Recommendation(string Sku, string? Name, string? Category, double Score, RecommendationSource Source, IReadOnlyList<string> Because, double Confidence, string Reason);
