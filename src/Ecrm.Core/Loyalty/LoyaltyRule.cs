namespace Ecrm.Loyalty;

/// <summary>
/// A reward rule: events of one type (optionally on one channel or with one campaign code) earn points, a fixed number
/// and/or a number per unit of the event's amount, within per-day and lifetime caps on how many events are rewarded.
/// </summary>
/// <example>
/// Welcome points on the first follow: <c>new LoyaltyRule { Name = "welcome", EventType = EventType.Follow, Points = 100, MaxPerLifetime = 1 }</c>.
/// Points per repost, at most 3 a day: <c>new LoyaltyRule { Name = "repost", EventType = EventType.Repost, Points = 5, MaxPerDay = 3 }</c>.
/// One point per yuan spent: <c>new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 }</c>.
/// </example>
public sealed class LoyaltyRule
{
    /// <summary>Gets or sets the rule's name: part of every entry's key, so renaming a rule re-keys its future awards.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the event type that earns points.</summary>
    public EventType EventType { get; set; }

    /// <summary>Gets or sets the channel the event must come from; null for any.</summary>
    public EventChannel? Channel { get; set; }

    /// <summary>Gets or sets the campaign or QR scene code the event must carry; null for any.</summary>
    public string? CampaignCode { get; set; }

    /// <summary>Gets or sets the fixed points per rewarded event.</summary>
    public long Points { get; set; }

    /// <summary>Gets or sets the points per unit of the event's amount (rounded down), e.g. 1 per yuan.</summary>
    public decimal PointsPerUnit { get; set; }

    /// <summary>Gets or sets how many events a day this rule rewards at most; null for no limit.</summary>
    public int? MaxPerDay { get; set; }

    /// <summary>Gets or sets how many events in a customer's lifetime this rule rewards at most; null for no limit.</summary>
    public int? MaxPerLifetime { get; set; }

    internal bool Matches(CustomerEvent e)
        => e.Type == EventType
           && (Channel is not { } channel || e.Channel == channel)
           && (CampaignCode is null || string.Equals(CampaignCode, e.Properties?.CampaignCode ?? e.Properties?.SceneCode, StringComparison.Ordinal));

    internal long PointsFor(CustomerEvent e)
    {
        var perUnit = PointsPerUnit == 0 || e.Properties?.Amount is not { } amount ? 0 : (long)decimal.Floor(amount * PointsPerUnit);
        return Points + Math.Max(0, perUnit);
    }

    internal void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Contains(':', StringComparison.Ordinal))
        {
            throw new EcrmException($"{path}.Name: expected a non-empty name without ':', received '{Name}'.");
        }

        if (EventType.IsDefault)
        {
            throw new EcrmException($"{path}.EventType: expected an event type such as 'purchase', received none.");
        }

        if (Points < 0 || PointsPerUnit < 0 || (Points == 0 && PointsPerUnit == 0))
        {
            throw new EcrmException($"{path}: expected Points or PointsPerUnit above 0 (and neither negative), received {Points} and {PointsPerUnit}.");
        }

        if (MaxPerDay is < 1 || MaxPerLifetime is < 1)
        {
            throw new EcrmException($"{path}: expected MaxPerDay and MaxPerLifetime to be 1 or more when set, received {MaxPerDay} and {MaxPerLifetime}.");
        }
    }
}
