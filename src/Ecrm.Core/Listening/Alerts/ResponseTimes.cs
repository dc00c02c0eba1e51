namespace Ecrm.Listening;

/// <summary>How fast alerts are answered: counts and the median and 90th percentile times to respond.</summary>
/// <param name="Raised">Alerts raised.</param>
/// <param name="Open">Alerts nobody has taken yet.</param>
/// <param name="Acknowledged">Alerts acknowledged (or resolved straight away).</param>
/// <param name="Resolved">Alerts resolved.</param>
/// <param name="MedianToAcknowledge">The median time from the first text to acknowledgement.</param>
/// <param name="P90ToAcknowledge">The 90th percentile of that time.</param>
/// <param name="MedianToResolve">The median time from the first text to resolution.</param>
/// <param name="P90ToResolve">The 90th percentile of that time.</param>
public sealed record ResponseTimes(
    int Raised,
    int Open,
    int Acknowledged,
    int Resolved,
    TimeSpan? MedianToAcknowledge,
    TimeSpan? P90ToAcknowledge,
    TimeSpan? MedianToResolve,
    TimeSpan? P90ToResolve);
