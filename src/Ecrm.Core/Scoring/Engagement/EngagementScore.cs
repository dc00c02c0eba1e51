namespace Ecrm.Scoring;

/// <summary>
/// A recency-weighted sum of interactions: each counts its weight times 2^(-age / half-life). Kept as a value at a
/// reference time, so adding an event is O(1) in any order (an older event is simply decayed to the reference time)
/// and reading it later decays the whole sum.
/// </summary>
/// <param name="Value">The score at <paramref name="AsOf"/>.</param>
/// <param name="AsOf">The time the value refers to.</param>
public readonly record struct EngagementScore(double Value, DateTimeOffset AsOf)
{
    /// <summary>Adds an interaction.</summary>
    /// <param name="weight">Its weight.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="halfLife">The half-life.</param>
    /// <returns>The new score, referred to the later of <see cref="AsOf"/> and <paramref name="at"/>.</returns>
    public EngagementScore Add(double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Value == 0 && AsOf == default)
        {
            return new EngagementScore(weight, at);
        }

        return at >= AsOf
            ? new EngagementScore((Value * Decay(at - AsOf, halfLife)) + weight, at)
            : new EngagementScore(Value + (weight * Decay(AsOf - at, halfLife)), AsOf);
    }

    /// <summary>The score at another time (decayed forward; an earlier time is treated as <see cref="AsOf"/>).</summary>
    /// <param name="time">The time.</param>
    /// <param name="halfLife">The half-life.</param>
    /// <returns>The decayed value.</returns>
    public double At(DateTimeOffset time, TimeSpan halfLife)
        => time <= AsOf ? Value : Value * Decay(time - AsOf, halfLife);

    private static double Decay(TimeSpan age, TimeSpan halfLife) => Math.Pow(2, -age / halfLife);
}
