namespace Ecrm.Scoring;

/// <summary>How interactions count towards the engagement score.</summary>
public sealed class EngagementOptions
{
    /// <summary>Gets or sets the time after which an interaction counts half as much.</summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets the weight of each event type; types not listed count <see cref="DefaultWeight"/>.</summary>
    /// <value>Defaults favour buying and public advocacy over passive views.</value>
    public IDictionary<EventType, double> Weights { get; } = new Dictionary<EventType, double>
    {
        [EventType.Purchase] = 5,
        [EventType.Review] = 3,
        [EventType.Repost] = 3,
        [EventType.Comment] = 2,
        [EventType.Mention] = 2,
        [EventType.Follow] = 2,
        [EventType.SurveyResponse] = 2,
        [EventType.StoreVisit] = 2,
        [EventType.Message] = 1,
        [EventType.Like] = 1,
        [EventType.AddToCart] = 1,
        [EventType.CampaignClicked] = 1,
        [EventType.CampaignOpened] = 0.5,
        [EventType.PageView] = 0.2,
        [EventType.CampaignDelivered] = 0,
        [EventType.Unfollow] = 0,
        [EventType.Refund] = 0,
    };

    /// <summary>Gets or sets the weight of event types not in <see cref="Weights"/>.</summary>
    /// <value>Defaults to 1.</value>
    public double DefaultWeight { get; set; } = 1;

    /// <summary>The weight of one event type.</summary>
    /// <param name="type">The event type.</param>
    /// <returns>Its weight.</returns>
    public double WeightOf(EventType type) => Weights.TryGetValue(type, out var w) ? w : DefaultWeight;

    /// <summary>Checks the options, naming what is wrong.</summary>
    /// <exception cref="EcrmException">A non-positive half-life, or a negative or non-finite weight.</exception>
    public void Validate()
    {
        if (HalfLife <= TimeSpan.Zero)
        {
            throw new EcrmException($"EngagementOptions.HalfLife: expected a positive duration, received {HalfLife}.");
        }

        foreach (var (type, weight) in Weights.Append(new(EventType.FromName("default"), DefaultWeight)))
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new EcrmException($"EngagementOptions.Weights[{type}]: expected a finite weight of 0 or more, received {weight}.");
            }
        }
    }
}
