namespace Ecrm.Loyalty;

/// <summary>A consumption tier ladder: what it measures and its rungs. Empty means no tiers.</summary>
public sealed class TierLadder
{
    /// <summary>Gets or sets what the ladder measures.</summary>
    /// <value>Defaults to <see cref="TierBasis.RollingSpend"/>.</value>
    public TierBasis Basis { get; set; } = TierBasis.RollingSpend;

    /// <summary>Gets or sets the rolling window for <see cref="TierBasis.RollingSpend"/>.</summary>
    /// <value>Defaults to 365 days (a rolling 12 months).</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets the currency whose spend counts.</summary>
    /// <value>Defaults to CNY.</value>
    public string Currency { get; set; } = "CNY";

    /// <summary>Gets the rungs, in ascending threshold order. The first usually has threshold 0.</summary>
    public IList<TierLevel> Levels { get; } = [];

    /// <summary>The tier for a measure: the highest rung whose threshold is at or below it; null below the first.</summary>
    /// <param name="measure">Spend or points.</param>
    /// <returns>The tier's name or null.</returns>
    public string? TierFor(decimal measure)
    {
        string? tier = null;
        foreach (var level in Levels)
        {
            if (measure >= level.Threshold)
            {
                tier = level.Name;
            }
        }

        return tier;
    }

    internal void Validate(string path)
    {
        if (Window <= TimeSpan.Zero)
        {
            throw new EcrmException($"{path}.Window: expected a positive duration, received {Window}.");
        }

        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Levels[i].Name))
            {
                throw new EcrmException($"{path}.Levels[{i}].Name: expected a tier name, received none.");
            }

            if (i > 0 && Levels[i].Threshold <= Levels[i - 1].Threshold)
            {
                throw new EcrmException($"{path}.Levels[{i}].Threshold: expected more than {Levels[i - 1].Threshold} (thresholds ascend), received {Levels[i].Threshold}.");
            }
        }
    }
}
