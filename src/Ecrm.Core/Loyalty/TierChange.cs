namespace Ecrm.Loyalty;

/// <summary>A tier upgrade or downgrade.</summary>
/// <param name="From">The tier before (null: no tier).</param>
/// <param name="To">The tier after (null: no tier).</param>
/// <param name="At">When it changed.</param>
/// <param name="Measure">The spend or points that decided it.</param>
/// <param name="IsUpgrade">Whether it was a move up the ladder.</param>
public sealed record TierChange(string? From, string? To, DateTimeOffset At, decimal Measure, bool IsUpgrade);
