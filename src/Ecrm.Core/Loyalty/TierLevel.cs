namespace Ecrm.Loyalty;

/// <summary>One rung of a tier ladder: the tier's name and the measure from which it applies.</summary>
/// <param name="Name">The tier's name, e.g. "gold" (the value of the <c>tier</c> trait).</param>
/// <param name="Threshold">The lowest measure (spend or points) at which the tier applies.</param>
public sealed record TierLevel(string Name, decimal Threshold);
