namespace Ecrm.Consent;

/// <summary>Whether a message may go to a customer now, and why.</summary>
/// <param name="Allowed">Whether it may be sent.</param>
/// <param name="Status">The customer's consent on the channel and purpose.</param>
/// <param name="Reason">Why (for logs and campaign reports): granted, withdrawn, no opt-in, quiet hours, ...</param>
/// <param name="NotBefore">When quiet hours end, when they are the only reason; otherwise <see langword="null"/>.</param>
public sealed record ConsentDecision(bool Allowed, ConsentStatus Status, string Reason, DateTimeOffset? NotBefore = null);
