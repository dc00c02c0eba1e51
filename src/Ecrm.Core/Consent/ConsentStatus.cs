namespace Ecrm.Consent;

/// <summary>Where a customer stands on one channel and purpose.</summary>
public enum ConsentStatus
{
    /// <summary>Never asked or never said: the purpose's default applies (opt-in purposes are not allowed).</summary>
    Unknown,

    /// <summary>Opted in.</summary>
    Granted,

    /// <summary>Opted out (unsubscribed, unfollowed, replied TD, withdrew).</summary>
    Withdrawn,
}
