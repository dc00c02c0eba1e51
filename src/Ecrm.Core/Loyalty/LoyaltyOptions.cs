namespace Ecrm.Loyalty;

/// <summary>The loyalty programme: reward rules, expiry, the day boundary for daily caps, and the tier ladder.</summary>
public sealed class LoyaltyOptions
{
    /// <summary>The channel of the events that record redemptions.</summary>
    public static readonly EventChannel RedemptionChannel = EventChannel.FromName("loyalty");

    /// <summary>The event type that records a redemption (its amount is the points redeemed).</summary>
    public static readonly EventType RedemptionType = EventType.FromName("points-redeemed");

    /// <summary>Gets the reward rules, applied in this order to every event.</summary>
    public IList<LoyaltyRule> Rules { get; } = [];

    /// <summary>Gets or sets how long earned points stay valid; null for never.</summary>
    /// <value>Defaults to 365 days (points expire oldest first).</value>
    public TimeSpan? PointsExpireAfter { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets the UTC offset of the day used by daily caps.</summary>
    /// <value>Defaults to +08:00 (China Standard Time).</value>
    public TimeSpan DayOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Gets the consumption tier ladder.</summary>
    public TierLadder Tiers { get; } = new();

    /// <summary>Checks the options, naming the first bad setting.</summary>
    /// <exception cref="EcrmException">A bad rule, expiry, offset or tier ladder.</exception>
    public void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            Rules[i].Validate($"LoyaltyOptions.Rules[{i}]");
            if (!names.Add(Rules[i].Name))
            {
                throw new EcrmException($"LoyaltyOptions.Rules[{i}].Name: expected unique rule names, received '{Rules[i].Name}' twice.");
            }
        }

        if (PointsExpireAfter is { } expiry && expiry <= TimeSpan.Zero)
        {
            throw new EcrmException($"LoyaltyOptions.PointsExpireAfter: expected a positive duration or null, received {expiry}.");
        }

        if (DayOffset < TimeSpan.FromHours(-14) || DayOffset > TimeSpan.FromHours(14))
        {
            throw new EcrmException($"LoyaltyOptions.DayOffset: expected a UTC offset between -14:00 and +14:00, received {DayOffset}.");
        }

        Tiers.Validate("LoyaltyOptions.Tiers");
    }
}
