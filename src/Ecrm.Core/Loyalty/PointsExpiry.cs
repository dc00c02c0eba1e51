namespace Ecrm.Loyalty;

/// <summary>Points due to expire and when.</summary>
/// <param name="Points">How many.</param>
/// <param name="At">When they expire.</param>
public sealed record PointsExpiry(long Points, DateTimeOffset At);
