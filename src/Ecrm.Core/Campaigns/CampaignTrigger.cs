namespace Ecrm.Campaigns;

/// <summary>When a campaign sends: on a schedule, or to each customer as something happens to them.</summary>
public sealed record CampaignTrigger
{
    /// <summary>Gets the kind. Default <see cref="CampaignTriggerKind.Schedule"/>.</summary>
    public CampaignTriggerKind Kind { get; init; } = CampaignTriggerKind.Schedule;

    /// <summary>Gets, for a schedule, when <see cref="ICampaigns.RunDueAsync"/> starts running the campaign; for the others, the time from which changes count (default: when the campaign is defined).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Gets the segment whose entries trigger (default: the campaign's segment).</summary>
    public string? Segment { get; init; }

    /// <summary>Gets the tier whose attainment triggers.</summary>
    public string? Tier { get; init; }

    /// <summary>Runs from a time on.</summary>
    /// <param name="at">The time.</param>
    /// <returns>The trigger.</returns>
    public static CampaignTrigger Scheduled(DateTimeOffset at) => new() { Kind = CampaignTriggerKind.Schedule, At = at };

    /// <summary>Sends to each customer entering a segment.</summary>
    /// <param name="segment">The segment (default: the campaign's).</param>
    /// <returns>The trigger.</returns>
    public static CampaignTrigger SegmentEntered(string? segment = null) => new() { Kind = CampaignTriggerKind.SegmentEntered, Segment = segment };

    /// <summary>Sends to each customer reaching a tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The trigger.</returns>
    public static CampaignTrigger TierReached(string tier) => new() { Kind = CampaignTriggerKind.TierReached, Tier = tier };

    /// <summary>Sends to each customer whose negative-feedback alert is resolved.</summary>
    /// <returns>The trigger.</returns>
    public static CampaignTrigger AlertResolved() => new() { Kind = CampaignTriggerKind.AlertResolved };
}
