namespace Ecrm.Scoring;

/// <summary>
/// RFM scoring by quintiles at a reference date. Each measure (how recent the last purchase is, order count, spend) is
/// ranked across the scored customers and cut into five groups of equal size (see <see cref="RfmModel"/>); ties always
/// share the lower score (so a measure with many equal values, like one order, can leave some scores empty). Customers
/// without purchases, or whose last purchase is after the reference date, are not scored.
/// </summary>
/// <remarks>
/// The named group comes from R and FM = round((F + M) / 2) (half up) on this grid:
/// <code>
///  R \ FM   1                2                   3                   4            5
///  5        new              potential-loyalist  potential-loyalist  champions    champions
///  4        promising        potential-loyalist  loyal               champions    champions
///  3        promising        need-attention      loyal               loyal        loyal
///  2        about-to-sleep   about-to-sleep      need-attention      at-risk      at-risk
///  1        lost             hibernating         at-risk             cant-lose    cant-lose
/// </code>
/// </remarks>
public static class RfmScorer
{
    private static readonly RfmGroup[,] Grid =
    {
        // FM:  1                    2                          3                          4                  5
        { RfmGroup.Lost, RfmGroup.Hibernating, RfmGroup.AtRisk, RfmGroup.CantLose, RfmGroup.CantLose }, // R 1
        { RfmGroup.AboutToSleep, RfmGroup.AboutToSleep, RfmGroup.NeedAttention, RfmGroup.AtRisk, RfmGroup.AtRisk }, // R 2
        { RfmGroup.Promising, RfmGroup.NeedAttention, RfmGroup.Loyal, RfmGroup.Loyal, RfmGroup.Loyal }, // R 3
        { RfmGroup.Promising, RfmGroup.PotentialLoyalist, RfmGroup.Loyal, RfmGroup.Champions, RfmGroup.Champions }, // R 4
        { RfmGroup.New, RfmGroup.PotentialLoyalist, RfmGroup.PotentialLoyalist, RfmGroup.Champions, RfmGroup.Champions }, // R 5
    };

    /// <summary>Scores customers at a reference date.</summary>
    /// <param name="customers">The customers with their purchase figures; those with no orders are skipped.</param>
    /// <param name="referenceDate">The date recency is measured from.</param>
    /// <returns>One score per customer with orders, in input order.</returns>
    public static IReadOnlyList<RfmScore> Score(IEnumerable<RfmInput> customers, DateTimeOffset referenceDate)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var list = customers.Where(c => c.Orders > 0 && c.LastPurchaseAt <= referenceDate).ToArray();
        var model = RfmModel.Fit(list);
        return [.. list.Select(c => model.Score(c)!)];
    }

    /// <summary>The named group of a score triple (see the grid in the remarks).</summary>
    /// <param name="recency">R, 1-5.</param>
    /// <param name="frequency">F, 1-5.</param>
    /// <param name="monetary">M, 1-5.</param>
    /// <returns>The group.</returns>
    public static RfmGroup GroupOf(int recency, int frequency, int monetary)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(monetary, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monetary, 5);
        var fm = (frequency + monetary + 1) / 2;
        return Grid[recency - 1, fm - 1];
    }

    /// <summary>The stable lowercase name of a group, as used in segments and JSON.</summary>
    /// <param name="group">The group.</param>
    /// <returns>For example "cant-lose".</returns>
    public static string NameOf(RfmGroup group) => group switch
    {
        RfmGroup.Champions => "champions",
        RfmGroup.Loyal => "loyal",
        RfmGroup.PotentialLoyalist => "potential-loyalist",
        RfmGroup.New => "new",
        RfmGroup.Promising => "promising",
        RfmGroup.NeedAttention => "need-attention",
        RfmGroup.AboutToSleep => "about-to-sleep",
        RfmGroup.AtRisk => "at-risk",
        RfmGroup.CantLose => "cant-lose",
        RfmGroup.Hibernating => "hibernating",
        RfmGroup.Lost => "lost",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "expected a defined RFM group."),
    };
}
