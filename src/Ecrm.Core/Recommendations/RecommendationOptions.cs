namespace Ecrm.Recommendations;

/// <summary>How recommendations are mined and blended.</summary>
public sealed class RecommendationOptions
{
    /// <summary>Gets or sets the rules' least support (share of baskets). Default 0.001.</summary>
    public double MinSupport { get; set; } = 0.001;

    /// <summary>Gets or sets the rules' least confidence. Default 0.1 (a recommendation needs less certainty than a report).</summary>
    public double MinConfidence { get; set; } = 0.1;

    /// <summary>Gets or sets the most items in a rule. Default 4.</summary>
    public int MaxRuleItems { get; set; } = 4;

    /// <summary>Gets or sets how often rules are mined again while new orders arrive. Default 1 hour.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how recent a purchase must be to keep its item out of the list ("just bought"). Default 30 days.</summary>
    public TimeSpan ExcludeBoughtWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how far back the customer's purchases count for rules and affinity. Default 365 days.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets the weight of rule recommendations (times confidence). Default 1.</summary>
    public double RuleWeight { get; set; } = 1.0;

    /// <summary>Gets or sets the weight of category affinity (times the category's share and the item's rank in it). Default 0.5.</summary>
    public double AffinityWeight { get; set; } = 0.5;

    /// <summary>Gets or sets the weight of popularity (times the item's share of baskets relative to the best seller). Default 0.2.</summary>
    public double PopularityWeight { get; set; } = 0.2;

    /// <summary>Gets or sets how many recommendations the customer 360 shows. Default 3 (0 to leave them out).</summary>
    public int In360 { get; set; } = 3;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        new AssociationRuleOptions { MinSupport = MinSupport, MinConfidence = MinConfidence, MaxItems = MaxRuleItems }.Validate();
        if (RefreshInterval < TimeSpan.Zero || ExcludeBoughtWithin < TimeSpan.Zero || Lookback <= TimeSpan.Zero)
        {
            throw new EcrmException($"RecommendationOptions: expected non-negative RefreshInterval and ExcludeBoughtWithin and a positive Lookback, received {RefreshInterval}, {ExcludeBoughtWithin}, {Lookback}.");
        }

        if (!(RuleWeight >= 0 && AffinityWeight >= 0 && PopularityWeight >= 0) || RuleWeight + AffinityWeight + PopularityWeight <= 0 || In360 is < 0 or > 50)
        {
            throw new EcrmException($"RecommendationOptions: expected non-negative weights (not all zero) and In360 of 0 to 50, received {RuleWeight}, {AffinityWeight}, {PopularityWeight}, {In360}.");
        }
    }
}
