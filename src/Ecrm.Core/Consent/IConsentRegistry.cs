using Ecrm.Messaging;

namespace Ecrm.Consent;

/// <summary>
/// Each customer's consent per channel and purpose, kept from the events (explicit opt-ins and opt-outs, WeChat
/// follows and unfollows, e-mail unsubscribes, SMS TD replies) and applied at once, with quiet hours per time zone.
/// Every marketing or survey send in the SDK asks it first.
/// </summary>
public interface IConsentRegistry
{
    /// <summary>Whether a message may go to a customer on a channel for a purpose at a time.</summary>
    /// <param name="customerId">The customer (a merged-away id resolves to its survivor).</param>
    /// <param name="channel">The channel.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="at">When it would be sent (default now).</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The decision and its reason.</returns>
    ValueTask<ConsentDecision> CheckAsync(string customerId, EventChannel channel, MessagePurpose purpose, DateTimeOffset? at = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a customer's consent records (the latest word per channel and purpose).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The records; empty when the customer never said anything.</returns>
    ValueTask<IReadOnlyList<ConsentRecord>> GetAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an opt-in or opt-out given through the host (a preference centre, a call-centre agent) as an event of the
    /// customer, so it is durable, audited and applied at once.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="channel">The channel, or <see langword="null"/> for every channel.</param>
    /// <param name="purpose">The purpose, or <see langword="null"/> for every purpose.</param>
    /// <param name="granted">True to opt in, false to opt out.</param>
    /// <param name="source">Where it was given (for the audit trail), such as <c>preference-centre</c>.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The event's id.</returns>
    /// <exception cref="EcrmException">The customer does not exist.</exception>
    ValueTask<string> RecordAsync(string customerId, EventChannel? channel, MessagePurpose? purpose, bool granted, string source, CancellationToken cancellationToken = default);
}
