namespace Ecrm.Consent;

/// <summary>What the contact registry knows of one audience member for a campaign run.</summary>
/// <param name="InCampaign">An earlier run sent to or held out the member.</param>
/// <param name="Channel">The first channel with consent and reach, or null.</param>
/// <param name="Consented">Some channel had consent (so a null channel means unreachable).</param>
/// <param name="Quiet">Some channel was held back only by quiet hours.</param>
/// <param name="RecentSends">Marketing and survey messages within the frequency cap's window.</param>
internal readonly record struct ContactFacts(bool InCampaign, EventChannel? Channel, bool Consented, bool Quiet, int RecentSends);
