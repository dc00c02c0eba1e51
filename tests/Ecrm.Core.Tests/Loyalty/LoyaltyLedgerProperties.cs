using Ecrm.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Ecrm.Core.Tests.Loyalty.LoyaltyLedgerTests;

namespace Ecrm.Core.Tests.Loyalty;

/// <summary>Ledger invariants over random histories of follows, reposts, comments, purchases, refunds and redemptions.</summary>
public sealed class LoyaltyLedgerProperties
{
    private static readonly LoyaltyOptions Options = Programme();

    public static Arbitrary<CustomerEvent[]> Histories()
    {
        var kinds = new[] { EventType.Follow, EventType.Repost, EventType.Comment, EventType.Purchase, EventType.Refund, EventType.Review, LoyaltyOptions.RedemptionType };
        var one = from i in Gen.Choose(0, 10_000)
                  from kind in Gen.Elements(kinds)
                  from hours in Gen.Choose(0, 24 * 800)
                  from amount in Gen.Choose(1, 3000)
                  from order in Gen.Choose(0, 5)
                  select kind == LoyaltyOptions.RedemptionType
                      ? Redeem($"d{i}", hours, amount / 10)
                      : E($"e{i}", hours, kind, kind == EventType.Purchase || kind == EventType.Refund ? amount : null, kind == EventType.Purchase || kind == EventType.Refund ? $"o{order}" : null);
        return Gen.ArrayOf(one).Select(a => a.DistinctBy(e => e.Id).ToArray()).ToArbitrary();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(LoyaltyLedgerProperties)])]
    public Property Balance_IsTheSumOfEntries_AndNeverNegative(CustomerEvent[] history)
    {
        var a = LoyaltyLedger.Compute(history, Options, T0.AddDays(900));
        var running = 0L;
        var neverNegative = true;
        foreach (var entry in a.Entries)
        {
            running += entry.Points;
            neverNegative &= running >= 0;
        }

        return (a.Balance == a.Entries.Sum(e => e.Points) && neverNegative && a.Balance >= 0).ToProperty();
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(LoyaltyLedgerProperties)])]
    public Property Replays_AndArrivalOrder_ChangeNothing(CustomerEvent[] history, int seed)
    {
        var once = LoyaltyLedger.Compute(history, Options, T0.AddDays(900));
        var replayed = history.Concat(history.Reverse()).OrderBy(_ => new Random(seed).Next()).ToArray();
        var again = LoyaltyLedger.Compute(replayed, Options, T0.AddDays(900));
        return (once.Entries.SequenceEqual(again.Entries) && once.Balance == again.Balance).ToProperty();
    }
}
