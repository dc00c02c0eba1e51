namespace Ecrm.Segments;

/// <summary>One condition of a segment rule for one customer: whether it held and the value it saw.</summary>
/// <param name="Clause">The condition in the text form, e.g. <c>count(purchase, 30d) >= 2</c>.</param>
/// <param name="Held">Whether it held.</param>
/// <param name="Value">The customer's value, e.g. "3" or "gold"; null when missing.</param>
public sealed record ClauseExplanation(string Clause, bool Held, string? Value);
