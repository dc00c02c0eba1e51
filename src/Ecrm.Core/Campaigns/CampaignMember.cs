namespace Ecrm.Campaigns;

/// <summary>A customer a campaign sent to or held out.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="HeldOut">Whether they were held out (not sent).</param>
/// <param name="At">When they were sent to or held out.</param>
public sealed record CampaignMember(string CustomerId, bool HeldOut, DateTimeOffset At);
