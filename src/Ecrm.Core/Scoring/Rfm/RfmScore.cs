namespace Ecrm.Scoring;

/// <summary>A customer's recency, frequency and monetary scores (1-5, 5 best) and named group.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Recency">1-5: 5 for the most recent purchasers.</param>
/// <param name="Frequency">1-5: 5 for the most frequent purchasers.</param>
/// <param name="Monetary">1-5: 5 for the biggest spenders.</param>
/// <param name="Group">The named group of the (recency, frequency-monetary) cell.</param>
public sealed record RfmScore(string CustomerId, int Recency, int Frequency, int Monetary, RfmGroup Group)
{
    /// <summary>Gets the three scores as one code, for example "545".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";

    /// <summary>Gets the stable lowercase name of the group, for example "potential-loyalist".</summary>
    public string GroupName => RfmScorer.NameOf(Group);
}
