namespace Ecrm.Listening;

/// <summary>One negative text an alert holds.</summary>
/// <param name="EventId">The event that carried it.</param>
/// <param name="Text">The text.</param>
/// <param name="Sentiment">Its score in [-1, 1].</param>
/// <param name="OccurredAt">When it was written.</param>
public sealed record AlertText(string EventId, string Text, double Sentiment, DateTimeOffset OccurredAt);
