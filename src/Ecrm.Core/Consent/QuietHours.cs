namespace Ecrm.Consent;

/// <summary>
/// The hours of the customer's local day when marketing and surveys wait (service messages do not): from
/// <see cref="Start"/> to <see cref="End"/>, crossing midnight when <see cref="Start"/> is later than <see cref="End"/>.
/// </summary>
public sealed record QuietHours
{
    /// <summary>Gets when quiet hours start, local time. Default 21:00.</summary>
    public TimeOnly Start { get; init; } = new(21, 0);

    /// <summary>Gets when they end, local time. Default 09:00.</summary>
    public TimeOnly End { get; init; } = new(9, 0);

    /// <summary>Whether a local time falls within quiet hours.</summary>
    /// <param name="local">The local time of day.</param>
    /// <returns><see langword="true"/> when quiet.</returns>
    public bool Contains(TimeOnly local) => Start == End ? false : Start < End ? local >= Start && local < End : local >= Start || local < End;

    /// <summary>When quiet hours that contain <paramref name="local"/> end.</summary>
    /// <param name="local">A local date and time within quiet hours.</param>
    /// <returns>The local date and time they end.</returns>
    public DateTime EndAfter(DateTime local)
    {
        var end = local.Date + End.ToTimeSpan();
        return end > local ? end : end.AddDays(1);
    }
}
