namespace Ecrm.Privacy;

/// <summary>
/// Data-subject rights (China's PIPL, the GDPR): export everything held about a customer, and erase a customer so that
/// no personal data remains in the store, with an audit log that holds none either. Registered by <c>AddEcrm</c>.
/// </summary>
public interface ICustomerPrivacy
{
    /// <summary>Writes everything held about a customer as one JSON document (see <see cref="CustomerDataExport"/>).</summary>
    /// <param name="customerId">The customer (current or merged-away id).</param>
    /// <param name="destination">Where to write (UTF-8 JSON).</param>
    /// <param name="cancellationToken">A token to cancel the export.</param>
    /// <returns>The export that was written.</returns>
    /// <exception cref="EcrmException">The customer is unknown.</exception>
    ValueTask<CustomerDataExport> ExportAsync(string customerId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a customer's personal data in the store (see <c>CustomerStore.EraseCustomerAsync</c> for what is rewritten),
    /// tells every observer (which drop their copies), and records the erasure in the audit log.
    /// </summary>
    /// <param name="customerId">The customer (current or merged-away id).</param>
    /// <param name="requestedBy">Who carries out the request (1 to 200 characters; not the data subject's personal data).</param>
    /// <param name="reason">The legal ground or ticket reference.</param>
    /// <param name="cancellationToken">A token to cancel the erasure.</param>
    /// <returns>The audit record.</returns>
    /// <exception cref="EcrmException">The customer is unknown, or <paramref name="requestedBy"/> is missing.</exception>
    ValueTask<ErasureRecord> EraseAsync(string customerId, string requestedBy, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the erasure audit log, oldest first.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The records.</returns>
    ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default);
}
