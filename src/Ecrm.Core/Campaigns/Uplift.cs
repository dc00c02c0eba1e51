namespace Ecrm.Campaigns;

/// <summary>
/// The difference in conversion rate between the group sent to and the hold-out group, with a 95% confidence interval
/// (normal approximation to the difference of two proportions).
/// </summary>
/// <param name="TreatmentRate">Conversions / members of the group sent to.</param>
/// <param name="ControlRate">Conversions / members of the hold-out group.</param>
/// <param name="Difference">TreatmentRate − ControlRate (absolute uplift).</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="Relative">Difference / ControlRate, or null when the control rate is 0.</param>
public sealed record Uplift(double TreatmentRate, double ControlRate, double Difference, double Low, double High, double? Relative)
{
    /// <summary>Gets a value indicating whether the interval excludes zero (the campaign made a difference at 95%).</summary>
    public bool Significant => Low > 0 || High < 0;

    /// <summary>Estimates the uplift from the counts.</summary>
    /// <param name="treated">Members sent to.</param>
    /// <param name="treatedConversions">Of them, how many converted.</param>
    /// <param name="control">Members held out.</param>
    /// <param name="controlConversions">Of them, how many converted.</param>
    /// <returns>The estimate, or null when a group is empty.</returns>
    public static Uplift? Estimate(int treated, int treatedConversions, int control, int controlConversions)
    {
        if (treated <= 0 || control <= 0)
        {
            return null;
        }

        var p1 = (double)treatedConversions / treated;
        var p0 = (double)controlConversions / control;
        var se = Math.Sqrt((p1 * (1 - p1) / treated) + (p0 * (1 - p0) / control));
        var difference = p1 - p0;
        return new Uplift(p1, p0, difference, difference - (1.959964 * se), difference + (1.959964 * se), p0 > 0 ? difference / p0 : null);
    }
}
