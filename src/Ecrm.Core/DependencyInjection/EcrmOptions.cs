namespace Ecrm;

/// <summary>
/// Options of the customer graph and ingestion. Validated when the SDK starts (see <see cref="EcrmOptionsValidator"/>);
/// an invalid value fails start-up with a message naming the option, the value and the fix.
/// </summary>
public sealed class EcrmOptions
{
    /// <summary>Gets or sets the region national phone numbers are read in.</summary>
    /// <value>The ISO 3166 code; defaults to <c>CN</c> (+86). See <see cref="PhoneRegion.KnownRegionCodes"/>.</value>
    public string DefaultPhoneRegion { get; set; } = "CN";

    /// <summary>Gets or sets the currency assumed for amounts that carry none.</summary>
    /// <value>An ISO 4217 code; defaults to <c>CNY</c>.</value>
    public string DefaultCurrency { get; set; } = "CNY";

    /// <summary>Gets or sets how far in the future (by the <see cref="TimeProvider"/>) an event time may lie.</summary>
    /// <value>Defaults to 5 minutes, for clock skew between channels.</value>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the earliest event time accepted.</summary>
    /// <value>Defaults to 2000-01-01T00:00:00Z.</value>
    public DateTimeOffset EarliestEventTime { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets or sets the most identities one event may carry.</summary>
    /// <value>Defaults to 32.</value>
    public int MaxIdentitiesPerEvent { get; set; } = 32;

    /// <summary>Gets or sets the longest text (message, comment, review) an event may carry, in characters.</summary>
    /// <value>Defaults to 65,536.</value>
    public int MaxTextLength { get; set; } = 65_536;

    /// <summary>Gets or sets the number of timeline entries the customer 360 includes.</summary>
    /// <value>Defaults to 20.</value>
    public int Customer360TimelineLength { get; set; } = 20;

    /// <summary>
    /// Gets the policy of each identity kind by name. Kinds not listed are strong, not unique, priority 100.
    /// The defaults: <c>member-card</c>, <c>wechat-unionid</c> and <c>wechat-openid</c> are unique per customer;
    /// <c>device</c> is weak; all others are strong and not unique.
    /// </summary>
    public IDictionary<string, IdentityKindOptions> IdentityKinds { get; } = new Dictionary<string, IdentityKindOptions>(StringComparer.Ordinal)
    {
        ["member-card"] = new() { UniquePerCustomer = true, Priority = 10 },
        ["wechat-unionid"] = new() { UniquePerCustomer = true, Priority = 20 },
        ["phone"] = new() { Priority = 30 },
        ["email"] = new() { Priority = 40 },
        ["shop-buyer"] = new() { Priority = 50 },
        ["wechat-openid"] = new() { UniquePerCustomer = true, Priority = 60 },
        ["weibo-uid"] = new() { Priority = 70 },
        ["device"] = new() { Strength = IdentityLinkStrength.Weak, Priority = 1000 },
    };
}
