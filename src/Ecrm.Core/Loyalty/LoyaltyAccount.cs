namespace Ecrm.Loyalty;

/// <summary>A customer's points at a moment: the balance, the ledger it is the sum of, and the tier.</summary>
public sealed class LoyaltyAccount
{
    /// <summary>Gets the time the account was computed at.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Gets the balance: always the sum of <see cref="Entries"/>, never below zero.</summary>
    public required long Balance { get; init; }

    /// <summary>Gets the ledger, oldest first.</summary>
    public required IReadOnlyList<LedgerEntry> Entries { get; init; }

    /// <summary>Gets the points earned over the customer's lifetime.</summary>
    public long Earned => Entries.Where(e => e.Kind == LedgerEntryKind.Earned).Sum(e => e.Points);

    /// <summary>Gets the points that will expire next and when; null when none are due to expire.</summary>
    public PointsExpiry? NextExpiry { get; init; }

    /// <summary>Gets the consumption tier and its history.</summary>
    public required TierStatus Tier { get; init; }
}
