namespace Ecrm.Recommendations;

/// <summary>Why an item is recommended.</summary>
public enum RecommendationSource
{
    /// <summary>An association rule: buyers of what the customer bought also bought it.</summary>
    Rule,

    /// <summary>The customer's category affinity: a best seller in a category they buy a lot from.</summary>
    CategoryAffinity,

    /// <summary>Popularity: a best seller overall (new customers, or to fill the list).</summary>
    Popularity,
}
