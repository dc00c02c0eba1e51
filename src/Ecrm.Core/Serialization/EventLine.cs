namespace Ecrm.Serialization;

/// <summary>One line of a JSON Lines event file: the event, or why the line could not be read.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Event">The event, when the line parsed.</param>
/// <param name="Error">What was wrong with the line, when it did not.</param>
public sealed record EventLine(long LineNumber, CustomerEvent? Event, string? Error);
