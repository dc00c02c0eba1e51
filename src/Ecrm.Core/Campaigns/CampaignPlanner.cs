using Ecrm.Consent;

namespace Ecrm.Campaigns;

/// <summary>One audience member's fate in a campaign run.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Channel">The channel chosen (null when suppressed or held out).</param>
/// <param name="Suppression">Why not sent, or <see cref="Suppression.None"/>.</param>
internal readonly record struct PlannedContact(string CustomerId, EventChannel? Channel, Suppression Suppression);

/// <summary>
/// Decides, for every member of a campaign's audience, whether and where to send, from in-memory contact state only:
/// the first channel (in the campaign's order) with consent for its purpose and an identity to reach the customer on;
/// then the frequency cap across campaigns; then the hold-out draw among those still eligible, so the hold-out group is
/// comparable with the one sent to. Members a previous run sent to or held out are skipped.
/// </summary>
internal static class CampaignPlanner
{
    public static List<PlannedContact> Plan(CampaignDefinition campaign, IReadOnlyList<string> members, ContactRegistry contacts, CampaignOptions options, DateTimeOffset now)
    {
        var plan = new List<PlannedContact>(members.Count);
        var capSince = now - options.CapWindow;
        var capped = campaign.Purpose != Messaging.MessagePurpose.Service;
        foreach (var member in members)
        {
            var facts = contacts.Facts(member, campaign.Channels, campaign.Purpose, now, campaign.Code, capSince);
            if (facts.InCampaign)
            {
                continue;
            }

            var suppression = facts.Channel is null
                ? (facts.Quiet ? Suppression.QuietHours : facts.Consented ? Suppression.Unreachable : Suppression.NoConsent)
                : capped && facts.RecentSends >= options.MaxMessagesPerWindow ? Suppression.FrequencyCap
                : HeldOut(campaign.Code, member, campaign.HoldOut) ? Suppression.HoldOut
                : Suppression.None;
            plan.Add(new PlannedContact(member, suppression == Suppression.None ? facts.Channel : null, suppression));
        }

        return plan;
    }

    /// <summary>A deterministic draw in [0, 1) per campaign and customer (FNV-1a), so re-runs agree on the hold-out.</summary>
    public static bool HeldOut(string code, string customerId, double share)
    {
        if (share <= 0)
        {
            return false;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in code)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ ':') * 1099511628211UL;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53)) < share;
    }
}
