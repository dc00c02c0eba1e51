namespace Ecrm;

/// <summary>
/// Thrown when a <see cref="CustomerEvent"/> (or one of its identities) is invalid. Nothing of the event is stored.
/// </summary>
public sealed class EventValidationException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The id of the rejected event, when it had one.</param>
    /// <param name="field">The JSON path of the offending field, for example <c>identities[1].value</c>.</param>
    /// <param name="problem">What was expected and what was received.</param>
    public EventValidationException(string? eventId, string field, string problem)
        : base(BuildMessage(eventId, field, problem))
    {
        EventId = eventId;
        Field = field;
        Problem = problem;
    }

    /// <summary>Gets the id of the rejected event, or <see langword="null"/> when the id itself was missing.</summary>
    public string? EventId { get; }

    /// <summary>Gets the JSON path of the offending field, for example <c>properties.amount</c>.</summary>
    public string Field { get; }

    /// <summary>Gets the description of the problem without the event id and field prefix.</summary>
    public string Problem { get; }

    private static string BuildMessage(string? eventId, string field, string problem)
        => eventId is null
            ? $"Invalid event: field '{field}': {problem}"
            : $"Invalid event '{eventId}': field '{field}': {problem}";
}
