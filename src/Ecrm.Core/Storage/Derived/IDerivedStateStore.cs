namespace Ecrm.Storage;

/// <summary>
/// A store that keeps state derived from its events beside them: the population models of the insights engine (RFM cut
/// points, lifetime-value fits, influence scores) and the recommender's mined rules. A process that opens the store
/// reads these documents instead of recomputing them from every customer's history, so that a read of one customer
/// (a 360) costs what that customer costs. The documents are models, not facts: the log stays the only truth, and a
/// missing, unreadable or foreign document only costs a recomputation.
/// </summary>
/// <remarks>
/// An erasure removes every document and every value (they may name the erased customer), in the transaction that
/// rewrites the log. A write computed from data read before an erasure is refused: it carries the number of erasures
/// the writer saw before it read (<see cref="CustomerStore.GetErasuresAsync"/>), and the store compares it with its own
/// inside the write's transaction.
/// </remarks>
public interface IDerivedStateStore
{
    /// <summary>Reads a document.</summary>
    /// <param name="name">The document's name (for example <c>insights.population</c>).</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The document, or null when none was written (or an erasure removed it).</returns>
    ValueTask<DerivedState?> ReadDerivedStateAsync(string name, CancellationToken cancellationToken);

    /// <summary>Reads one customer's value that was written with a document.</summary>
    /// <param name="name">The document's name.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The value, or null when the document holds none for the customer.</returns>
    ValueTask<double?> ReadDerivedValueAsync(string name, string customerId, CancellationToken cancellationToken);

    /// <summary>Replaces a document and its per-customer values in one transaction, unless an erasure happened since the writer read its data.</summary>
    /// <param name="state">The document.</param>
    /// <param name="values">The per-customer values (they replace the document's old values whole).</param>
    /// <param name="erasuresSeen">How many erasures <see cref="CustomerStore.GetErasuresAsync"/> listed before the writer read the data the document derives from.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>True when written; false when the store has more erasures than <paramref name="erasuresSeen"/> (nothing is written).</returns>
    ValueTask<bool> WriteDerivedStateAsync(DerivedState state, IReadOnlyCollection<KeyValuePair<string, double>> values, int erasuresSeen, CancellationToken cancellationToken);
}
