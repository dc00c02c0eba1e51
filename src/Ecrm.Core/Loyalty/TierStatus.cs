namespace Ecrm.Loyalty;

/// <summary>A customer's tier now and how it got there.</summary>
/// <param name="Current">The tier now; null when below the first rung or without a ladder.</param>
/// <param name="Measure">The spend or points now.</param>
/// <param name="Since">When the current tier began.</param>
/// <param name="History">Every upgrade and downgrade, oldest first.</param>
public sealed record TierStatus(string? Current, decimal Measure, DateTimeOffset? Since, IReadOnlyList<TierChange> History)
{
    /// <summary>No ladder, no tier.</summary>
    public static TierStatus None { get; } = new(null, 0, null, []);
}
