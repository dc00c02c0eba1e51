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

    /// <summary>
    /// A history already in the fold's order (a store's) is folded as it is, without sorting; the account is the one the
    /// same events give shuffled and replayed, at a moment after all of them or in their midst.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(LoyaltyLedgerProperties)])]
    public Property InOrder_AccountIsTheShuffledOnes(CustomerEvent[] history, int seed, bool midway)
    {
        var now = midway ? T0.AddDays(400) : T0.AddDays(900);
        CustomerEvent[] ordered = [.. history.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal)];
        var shuffled = history.Concat(history.Take(3)).OrderBy(_ => new Random(seed).Next()).ToArray();
        var a = LoyaltyLedger.Compute(ordered, Options, now);
        var b = LoyaltyLedger.Compute(shuffled, Options, now);
        return (a.Entries.SequenceEqual(b.Entries) && a.Balance == b.Balance && a.NextExpiry == b.NextExpiry
            && a.Tier.Current == b.Tier.Current && a.Tier.Since == b.Tier.Since && a.Tier.Measure == b.Tier.Measure
            && a.Tier.History.SequenceEqual(b.Tier.History)).ToProperty();
    }

    [Fact]
    public void InOrder_WithAnIdTwice_CountsItOnce()
    {
        var first = E("same", 1, EventType.Purchase, 500, "o1");
        var again = E("same", 2, EventType.Purchase, 500, "o1"); // the same id at a later time: in order, yet a replay
        var account = LoyaltyLedger.Compute([first, again], Options, T0.AddDays(1));
        var once = LoyaltyLedger.Compute([first], Options, T0.AddDays(1));
        Assert.Equal(once.Entries, account.Entries);
        Assert.Equal(once.Tier.Measure, account.Tier.Measure); // the spend of the tier window counts it once too
    }
}
