namespace Ecrm.Recommendations;

/// <summary>
/// "Baskets with <see cref="Antecedent"/> also hold <see cref="Consequent"/>": a rule with a non-empty antecedent and a
/// single-item consequent.
/// </summary>
/// <param name="Antecedent">The items bought together (sorted ordinally).</param>
/// <param name="Consequent">The item recommended on their strength.</param>
/// <param name="Support">The share of baskets holding the antecedent and the consequent.</param>
/// <param name="Confidence">support(antecedent and consequent) / support(antecedent).</param>
/// <param name="Lift">confidence / support(consequent): above 1, the antecedent makes the consequent likelier.</param>
/// <param name="Count">How many baskets hold the antecedent and the consequent.</param>
public sealed record AssociationRule(IReadOnlyList<string> Antecedent, string Consequent, double Support, double Confidence, double Lift, int Count);
