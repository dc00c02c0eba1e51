namespace Ecrm.Recommendations;

/// <summary>A set of items found together in at least the minimum share of baskets.</summary>
/// <param name="Items">The items (sorted ordinally).</param>
/// <param name="Count">How many baskets hold them all.</param>
public sealed record FrequentItemset(IReadOnlyList<string> Items, int Count);
