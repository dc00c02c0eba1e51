namespace Ecrm.Recommendations;

/// <summary>The thresholds of association-rule mining.</summary>
public sealed record AssociationRuleOptions
{
    /// <summary>Gets the least support a rule needs (share of baskets, in (0, 1]). Default 0.001.</summary>
    public double MinSupport { get; init; } = 0.001;

    /// <summary>Gets the least confidence a rule needs (in [0, 1]). Default 0.5.</summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Gets the most items in a rule, antecedent and consequent together (2 to 64). Default 10, as arules.</summary>
    public int MaxItems { get; init; } = 10;

    /// <summary>Validates the thresholds.</summary>
    /// <exception cref="EcrmException">A threshold is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(MinSupport > 0 && MinSupport <= 1))
        {
            throw new EcrmException($"AssociationRuleOptions.MinSupport: expected a share in (0, 1], received {MinSupport}.");
        }

        if (!(MinConfidence >= 0 && MinConfidence <= 1))
        {
            throw new EcrmException($"AssociationRuleOptions.MinConfidence: expected a share in [0, 1], received {MinConfidence}.");
        }

        if (MaxItems is < 2 or > 64)
        {
            throw new EcrmException($"AssociationRuleOptions.MaxItems: expected 2 to 64, received {MaxItems}.");
        }
    }
}
