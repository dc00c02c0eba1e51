namespace Ecrm.Listening;

/// <summary>Options of listening: which events are read, when a text raises an alert, and what is tracked in texts.</summary>
public sealed class ListeningOptions
{
    /// <summary>Gets the event types whose text is read. Default: comment, review, mention, message, repost, survey-response.</summary>
    public IList<string> EventTypes { get; } = ["comment", "review", "mention", "message", "repost", "survey-response"];

    /// <summary>Gets or sets the sentiment score at or below which a text raises an alert. Default -0.3.</summary>
    public double AlertThreshold { get; set; } = -0.3;

    /// <summary>Gets how severity is computed and leveled.</summary>
    public AlertSeverityOptions Severity { get; } = new();

    /// <summary>
    /// Gets or sets how long a repeat without a post (the same customer, the same channel) joins the open alert rather
    /// than raising a new one. Repeats on the same post always join while the alert is open. Default one day.
    /// </summary>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how many of an alert's texts it keeps (newest). Default 5.</summary>
    public int TextsPerAlert { get; set; } = 5;

    /// <summary>Gets surge detection's options.</summary>
    public SurgeOptions Surge { get; } = new();

    /// <summary>Gets the aspects to find in texts. Default <see cref="AspectCategory.Defaults"/>.</summary>
    public IList<AspectCategory> Aspects { get; } = [.. AspectCategory.Defaults];

    /// <summary>Gets or sets the company's own brand, for mention share against competitors.</summary>
    public BrandDefinition? OwnBrand { get; set; }

    /// <summary>Gets the competitor brands to track.</summary>
    public IList<BrandDefinition> Competitors { get; } = [];

    /// <summary>Gets the phrases that mark a feature request. Default <see cref="FeatureRequestCues.Defaults"/>.</summary>
    public IList<string> RequestCues { get; } = [.. FeatureRequestCues.Defaults];

    /// <summary>Gets the phrases that cancel a request cue they overlap. Default <see cref="FeatureRequestCues.Exclusions"/>.</summary>
    public IList<string> RequestExclusions { get; } = [.. FeatureRequestCues.Exclusions];

    /// <summary>Gets or sets how similar (Jaccard over character pairs and words, 0 to 1) a request must be to join a group. Default 0.3.</summary>
    public double RequestSimilarity { get; set; } = 0.3;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (EventTypes.Count == 0)
        {
            throw new EcrmException("ListeningOptions.EventTypes: expected at least one event type, received none.");
        }

        foreach (var type in EventTypes)
        {
            _ = EventType.FromName(type); // throws naming a malformed type
        }

        if (!(AlertThreshold is > -1 and < 0))
        {
            throw new EcrmException($"ListeningOptions.AlertThreshold: expected a score between -1 and 0 (exclusive), received {AlertThreshold}.");
        }

        if (RepeatWindow < TimeSpan.Zero || RepeatWindow > TimeSpan.FromDays(365))
        {
            throw new EcrmException($"ListeningOptions.RepeatWindow: expected 0 to 365 days, received {RepeatWindow}.");
        }

        if (TextsPerAlert is < 1 or > 100)
        {
            throw new EcrmException($"ListeningOptions.TextsPerAlert: expected 1 to 100, received {TextsPerAlert}.");
        }

        if (!(RequestSimilarity is > 0 and <= 1))
        {
            throw new EcrmException($"ListeningOptions.RequestSimilarity: expected a value above 0 and at most 1, received {RequestSimilarity}.");
        }

        Severity.Validate();
        Surge.Validate();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var aspect in Aspects)
        {
            if (aspect is null || string.IsNullOrWhiteSpace(aspect.Name) || aspect.Keywords is not { Count: > 0 } || !names.Add(aspect.Name))
            {
                throw new EcrmException($"ListeningOptions.Aspects: expected aspects with distinct names and at least one keyword, received '{aspect?.Name}'.");
            }
        }

        names.Clear();
        foreach (var (brand, _) in AllBrands())
        {
            if (brand is null || string.IsNullOrWhiteSpace(brand.Name) || !names.Add(brand.Name))
            {
                throw new EcrmException($"ListeningOptions brands: expected distinct, non-empty brand names, received '{brand?.Name}'.");
            }
        }
    }

    internal IEnumerable<(BrandDefinition Brand, bool IsOwn)> AllBrands()
    {
        if (OwnBrand is not null)
        {
            yield return (OwnBrand, true);
        }

        foreach (var competitor in Competitors)
        {
            yield return (competitor, false);
        }
    }
}
