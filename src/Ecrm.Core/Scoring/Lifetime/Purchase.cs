namespace Ecrm.Scoring;

/// <summary>One purchase of a customer: who, which day, how much.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Date">The day of the purchase.</param>
/// <param name="Amount">The amount paid.</param>
public readonly record struct Purchase(string CustomerId, DateOnly Date, decimal Amount);
