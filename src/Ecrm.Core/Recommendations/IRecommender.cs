namespace Ecrm.Recommendations;

/// <summary>
/// What to recommend to each customer: item-to-item association rules mined from every order (FP-growth), blended with
/// the customer's category affinity and, for new customers or to fill the list, popularity; items the customer just
/// bought are left out, and every recommendation carries its reason.
/// </summary>
public interface IRecommender
{
    /// <summary>Recommends items to a customer.</summary>
    /// <param name="customerId">The customer (a merged-away id resolves to its survivor).</param>
    /// <param name="count">How many (1 to 100).</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The recommendations, best first (popular items for an unknown or new customer).</returns>
    ValueTask<IReadOnlyList<Recommendation>> RecommendAsync(string customerId, int count = 5, CancellationToken cancellationToken = default);

    /// <summary>Gets the rules currently in use, mining them first when stale.</summary>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The rules.</returns>
    ValueTask<AssociationRuleSet> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Mines the rules again now, on every basket, whatever their age: a bulk load should end with it, so that the rules
    /// in use (and those a store that keeps derived state keeps for other processes) cover what the load brought.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The new rules.</returns>
    ValueTask<AssociationRuleSet> RefreshAsync(CancellationToken cancellationToken = default);
}
