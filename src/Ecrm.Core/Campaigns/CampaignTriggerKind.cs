namespace Ecrm.Campaigns;

/// <summary>What starts a campaign's sends.</summary>
public enum CampaignTriggerKind
{
    /// <summary>Runs: <see cref="ICampaigns.RunAsync"/>, or <see cref="ICampaigns.RunDueAsync"/> from the trigger's time on.</summary>
    Schedule,

    /// <summary>A customer entering a segment gets it at once.</summary>
    SegmentEntered,

    /// <summary>A customer reaching a loyalty tier gets it at once.</summary>
    TierReached,

    /// <summary>A customer whose negative review, comment or message alert was resolved gets it at once (a recovery offer).</summary>
    AlertResolved,
}
