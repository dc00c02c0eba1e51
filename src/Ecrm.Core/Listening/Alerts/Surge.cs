namespace Ecrm.Listening;

/// <summary>A window whose negative volume is well above its recent baseline (see <see cref="SurgeOptions"/>).</summary>
/// <param name="Scope">What was counted: <c>all</c>, <c>channel:NAME</c> or <c>aspect:NAME</c>.</param>
/// <param name="WindowStart">The window's start.</param>
/// <param name="WindowEnd">The window's end.</param>
/// <param name="Count">Negative texts in the window so far (the notification carries the count when it was detected).</param>
/// <param name="Baseline">The mean per window over the baseline windows before.</param>
public sealed record Surge(string Scope, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int Count, double Baseline);
