namespace Ecrm.Loyalty;

/// <summary>One entry of a customer's points ledger.</summary>
/// <param name="Key">
/// The entry's unique, deterministic key: <c>earn:RULE:EVENT</c>, <c>redeem:EVENT</c>, <c>reverse:EVENT:EARNKEY</c>,
/// <c>expire:EARNKEY</c>. Replaying the same events gives the same keys, so nothing is ever awarded twice.
/// </param>
/// <param name="Kind">What the entry records.</param>
/// <param name="Points">The points applied: positive for earnings, negative for debits.</param>
/// <param name="Requested">
/// The points the entry asked for. Equal to <paramref name="Points"/> except for a debit larger than the balance at its
/// place in time (possible only when an older refund arrives late): the balance never goes below zero, and the
/// difference shows here.
/// </param>
/// <param name="At">When the entry took effect.</param>
/// <param name="SourceEventId">The event that caused it (for an expiry, the earning event).</param>
/// <param name="Rule">The reward rule, for earnings and their reversals and expiries.</param>
/// <param name="ExpiresAt">For earnings: when unused points expire.</param>
public sealed record LedgerEntry(
    string Key,
    LedgerEntryKind Kind,
    long Points,
    long Requested,
    DateTimeOffset At,
    string SourceEventId,
    string? Rule = null,
    DateTimeOffset? ExpiresAt = null);
