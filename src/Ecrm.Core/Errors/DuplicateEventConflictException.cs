namespace Ecrm;

/// <summary>
/// Thrown when an event reuses the idempotency id of an already stored event but carries different content.
/// A true replay (same id, same content) is not an error: it is acknowledged as a duplicate and changes nothing.
/// </summary>
public sealed class DuplicateEventConflictException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The reused id.</param>
    public DuplicateEventConflictException(string eventId)
        : base($"Event id '{eventId}' is already stored with different content. Expected a replay of the same event or a new id; the stored event is kept unchanged.")
    {
        EventId = eventId;
    }

    /// <summary>Gets the reused event id.</summary>
    public string EventId { get; }
}
