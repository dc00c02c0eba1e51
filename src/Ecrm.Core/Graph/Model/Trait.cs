namespace Ecrm;

/// <summary>A profile trait with its provenance. The latest event wins; equal times are broken by the larger event id.</summary>
/// <param name="Name">The trait name, for example <c>city</c>.</param>
/// <param name="Value">The value as text (dates as <c>yyyy-MM-dd</c>).</param>
/// <param name="Channel">The channel that reported it.</param>
/// <param name="EventId">The event that reported it.</param>
/// <param name="ObservedAt">The time of that event.</param>
public sealed record Trait(string Name, string Value, EventChannel Channel, string EventId, DateTimeOffset ObservedAt);
