namespace Ecrm.Campaigns;

/// <summary>Why a member of the audience was not sent the campaign.</summary>
public enum Suppression
{
    /// <summary>Not suppressed.</summary>
    None,

    /// <summary>No channel of the campaign with consent for its purpose (withdrawn, or no opt-in).</summary>
    NoConsent,

    /// <summary>Consent, but no identity to reach them on those channels.</summary>
    Unreachable,

    /// <summary>The frequency cap across campaigns is reached.</summary>
    FrequencyCap,

    /// <summary>Quiet hours in the customer's time zone (sent when the campaign runs again after they end).</summary>
    QuietHours,

    /// <summary>Randomly held out to measure uplift.</summary>
    HoldOut,
}
