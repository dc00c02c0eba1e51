namespace Ecrm.Scoring;

/// <summary>The usual named RFM groups; see <see cref="RfmScorer"/> for the mapping from scores.</summary>
public enum RfmGroup
{
    /// <summary>Bought recently, often and for a lot.</summary>
    Champions,

    /// <summary>Buys often and for a fair amount, still fairly recent.</summary>
    Loyal,

    /// <summary>Recent, with moderate frequency and spend: could become loyal.</summary>
    PotentialLoyalist,

    /// <summary>Bought very recently, but little so far.</summary>
    New,

    /// <summary>Fairly recent, little so far.</summary>
    Promising,

    /// <summary>Middling on every count: worth a nudge before they slip.</summary>
    NeedAttention,

    /// <summary>Below average recency, little frequency and spend.</summary>
    AboutToSleep,

    /// <summary>Used to buy often or for a lot, but not recently.</summary>
    AtRisk,

    /// <summary>The best customers once, now long gone quiet.</summary>
    CantLose,

    /// <summary>Long quiet, little frequency and spend.</summary>
    Hibernating,

    /// <summary>The lowest recency, frequency and spend.</summary>
    Lost,
}
