namespace Ecrm.Listening;

/// <summary>
/// When negative volume is a surge: a window's negative texts (overall, per channel and per complained-about aspect)
/// reach <see cref="Factor"/> times the mean b of the <see cref="BaselineWindows"/> windows before it, at least
/// <see cref="Minimum"/>, and at least b + <see cref="MinimumZ"/> x sqrt(max(b, 1)) so that the ordinary ups and downs
/// of a busy channel (Poisson noise) are not reported.
/// </summary>
public sealed class SurgeOptions
{
    /// <summary>Gets or sets the window length (windows are aligned to UTC midnight). Default one hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many windows before make the baseline. Default 24.</summary>
    public int BaselineWindows { get; set; } = 24;

    /// <summary>Gets or sets how many times the baseline a window must reach. Default 3.</summary>
    public double Factor { get; set; } = 3;

    /// <summary>Gets or sets the fewest negative texts a surge needs, whatever the baseline. Default 5.</summary>
    public int Minimum { get; set; } = 5;

    /// <summary>Gets or sets how many standard deviations (of a Poisson count with the baseline's mean) above the baseline a surge must be. Default 4.</summary>
    public double MinimumZ { get; set; } = 4;

    internal void Validate()
    {
        if (Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromDays(7))
        {
            throw new EcrmException($"ListeningOptions.Surge.Window: expected 1 minute to 7 days, received {Window}.");
        }

        if (BaselineWindows is < 1 or > 1000)
        {
            throw new EcrmException($"ListeningOptions.Surge.BaselineWindows: expected 1 to 1000, received {BaselineWindows}.");
        }

        if (!(Factor >= 1))
        {
            throw new EcrmException($"ListeningOptions.Surge.Factor: expected 1 or more, received {Factor}.");
        }

        if (!(MinimumZ is >= 0 and <= 20))
        {
            throw new EcrmException($"ListeningOptions.Surge.MinimumZ: expected 0 to 20, received {MinimumZ}.");
        }

        if (Minimum < 1)
        {
            throw new EcrmException($"ListeningOptions.Surge.Minimum: expected 1 or more, received {Minimum}.");
        }
    }
}
