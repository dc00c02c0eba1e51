namespace Ecrm;

/// <summary>A customer's activity on one channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="EventCount">How many of the customer's events came through it.</param>
/// <param name="FirstSeenAt">The earliest of those events.</param>
/// <param name="LastSeenAt">The latest of those events.</param>
public sealed record ChannelActivity(EventChannel Channel, long EventCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
