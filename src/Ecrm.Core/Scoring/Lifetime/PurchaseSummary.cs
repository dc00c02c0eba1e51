namespace Ecrm.Scoring;

/// <summary>
/// What the lifetime-value models need to know about one customer's purchases in a calibration period, in model time
/// units (usually weeks): how many repeat purchases, when the last one was, how long the customer has been known, and
/// the average value of the repeat purchases.
/// </summary>
/// <param name="Frequency">x: the number of repeat purchase periods (the first purchase is not counted).</param>
/// <param name="Recency">t_x: the time from the first to the last purchase; 0 when <paramref name="Frequency"/> is 0.</param>
/// <param name="Age">T: the time from the first purchase to the end of calibration.</param>
/// <param name="AverageValue">The mean value of the repeat purchases; 0 when there are none.</param>
public readonly record struct PurchaseSummary(int Frequency, double Recency, double Age, double AverageValue = 0)
{
    /// <summary>Checks the summary is one the models can use, naming the field that is not.</summary>
    /// <exception cref="EcrmException">A negative or non-finite value, or a recency after the age.</exception>
    public void Validate()
    {
        if (Frequency < 0)
        {
            throw new EcrmException($"PurchaseSummary.Frequency: expected 0 or more, received {Frequency}.");
        }

        if (!double.IsFinite(Age) || Age < 0)
        {
            throw new EcrmException($"PurchaseSummary.Age: expected a finite time of 0 or more, received {Age}.");
        }

        if (!double.IsFinite(Recency) || Recency < 0 || Recency > Age + 1e-9)
        {
            throw new EcrmException($"PurchaseSummary.Recency: expected a time between 0 and the age {Age}, received {Recency}.");
        }

        if (Frequency == 0 && Recency != 0)
        {
            throw new EcrmException($"PurchaseSummary.Recency: expected 0 for a customer without repeat purchases, received {Recency}.");
        }

        if (!double.IsFinite(AverageValue) || AverageValue < 0)
        {
            throw new EcrmException($"PurchaseSummary.AverageValue: expected a finite value of 0 or more, received {AverageValue}.");
        }
    }
}
