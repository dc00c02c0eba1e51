namespace Ecrm.Loyalty;

/// <summary>What a ledger entry records.</summary>
public enum LedgerEntryKind
{
    /// <summary>Points earned by a reward rule.</summary>
    Earned,

    /// <summary>Points redeemed by the customer.</summary>
    Redeemed,

    /// <summary>Points that reached their expiry unused.</summary>
    Expired,

    /// <summary>Points taken back because the purchase that earned them was refunded.</summary>
    Reversed,
}
