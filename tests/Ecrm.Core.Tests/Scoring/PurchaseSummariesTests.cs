using Ecrm.Scoring;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Scoring;

/// <summary>The one-pass summary of one customer's purchases in date order is the general summary, to the bit.</summary>
public sealed class PurchaseSummariesTests
{
    private static readonly DateOnly End = new(2026, 6, 30);

    /// <summary>
    /// Purchases on days around the calibration end (some after it), several a day, amounts with cents: in date order the
    /// one-pass summary equals <see cref="PurchaseSummaries.Summarize"/>; shuffled out of order it declines.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property InDateOrder_EqualsTheGeneralSummary() => Prop.ForAll(
        Gen.ListOf(Gen.Zip(Gen.Choose(-400, 20), Gen.Choose(0, 99_999))).ToArbitrary(),
        raw =>
        {
            var purchases = raw.Select(r => new Purchase("c", End.AddDays(r.Item1), r.Item2 / 100m)).ToList();
            var ordered = purchases.OrderBy(p => p.Date).ToList(); // stable: same-day amounts keep their order
            var general = PurchaseSummaries.Summarize(ordered, End).TryGetValue("c", out var g) ? g : (PurchaseSummary?)null;
            if (!PurchaseSummaries.TrySummarizeInDateOrder(ordered, End, out var one) || one != general)
            {
                return false;
            }

            var outOfOrder = ordered.Where(p => p.Date <= End).Select(p => p.Date).Distinct().Count() > 1;
            var reversed = Enumerable.Reverse(ordered).ToList();
            return PurchaseSummaries.TrySummarizeInDateOrder(reversed, End, out _) != outOfOrder;
        });

    [Fact]
    public void SameDayPurchases_AreOneTransaction_AndTheFirstDayIsNoRepeat()
    {
        Purchase[] purchases = [new("c", new(2026, 1, 1), 10), new("c", new(2026, 1, 1), 5), new("c", new(2026, 1, 8), 7), new("c", new(2026, 1, 8), 3), new("c", new(2026, 1, 22), 20)];
        Assert.True(PurchaseSummaries.TrySummarizeInDateOrder(purchases, End, out var summary));
        Assert.Equal(new PurchaseSummary(2, 3, (End.DayNumber - new DateOnly(2026, 1, 1).DayNumber) / 7.0, 15), summary);
    }
}
