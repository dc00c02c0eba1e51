namespace Ecrm.Campaigns;

/// <summary>What one run of a campaign did.</summary>
/// <param name="Code">The campaign.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Audience">Members of the segment.</param>
/// <param name="AlreadyHandled">Members an earlier run sent to or held out (skipped).</param>
/// <param name="Suppressed">Members not sent, by reason (hold-out included).</param>
/// <param name="Sent">Messages the providers accepted, by channel.</param>
/// <param name="Unconfirmed">Messages whose outcome is unknown (counted as sent; never sent again).</param>
/// <param name="Failed">Messages not sent (retried by the next run).</param>
public sealed record CampaignRun(
    string Code,
    DateTimeOffset StartedAt,
    int Audience,
    int AlreadyHandled,
    IReadOnlyDictionary<Suppression, int> Suppressed,
    IReadOnlyDictionary<string, int> Sent,
    int Unconfirmed,
    int Failed);
