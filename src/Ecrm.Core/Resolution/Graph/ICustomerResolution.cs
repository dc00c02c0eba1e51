namespace Ecrm.Resolution;

/// <summary>
/// Probabilistic identity resolution on the customer graph: customers who share no identifier but whose names, birth
/// dates, cities and contact points say they are the same person are merged (above the match threshold) or queued
/// for review. Every merge is an ordinary graph merge caused by an <c>identity-match</c> event that carries the
/// evidence, so the 360 shows why, the merge can be undone, and uniqueness rules still hold.
/// </summary>
public interface ICustomerResolution
{
    /// <summary>Resolves every customer of the store (builds the index and fits the model).</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was done.</returns>
    ValueTask<ResolutionRunSummary> ResolveStoreAsync(CancellationToken cancellationToken = default);

    /// <summary>The pairs waiting for review: those between the thresholds, and matches held back by the clustering rules (see <see cref="MatchDecision.KeptApartBecause"/>).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The queue, oldest first.</returns>
    ValueTask<IReadOnlyList<ReviewItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>Accepts a review: the two customers are merged like an automatic match.</summary>
    /// <param name="reviewId">The review.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the review existed.</returns>
    ValueTask<bool> ApproveAsync(string reviewId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rejects a review: the pair leaves the queue and is neither proposed again nor merged automatically, even when a
    /// refitted model later calls it a match. Rejections are held by this resolver (in memory) for the life of the host.
    /// </summary>
    /// <param name="reviewId">The review.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the review existed.</returns>
    ValueTask<bool> RejectAsync(string reviewId, CancellationToken cancellationToken = default);
}
