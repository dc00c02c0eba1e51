namespace Ecrm;

/// <summary>Whether an identity kind links customers together.</summary>
public enum IdentityLinkStrength
{
    /// <summary>Identities seen together in one event belong to one customer; customers they point to are merged.</summary>
    Strong = 0,

    /// <summary>
    /// The identity attaches to the customer of the event's strong identities (or founds one) but never merges two
    /// customers: cookie and device ids, which several people may share.
    /// </summary>
    Weak = 1,
}
