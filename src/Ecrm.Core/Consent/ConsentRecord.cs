using Ecrm.Messaging;

namespace Ecrm.Consent;

/// <summary>The latest word of a customer on one channel and purpose.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="Status">Granted or withdrawn.</param>
/// <param name="At">When it was said (the event's time).</param>
/// <param name="Source">The event that said it (its id), for the audit trail.</param>
public sealed record ConsentRecord(EventChannel Channel, MessagePurpose Purpose, ConsentStatus Status, DateTimeOffset At, string Source);
