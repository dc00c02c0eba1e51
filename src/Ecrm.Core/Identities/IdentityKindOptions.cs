namespace Ecrm;

/// <summary>How the customer graph treats one identity kind.</summary>
public sealed class IdentityKindOptions
{
    /// <summary>Gets or sets whether seeing this identity with others links (and so merges) customers.</summary>
    /// <value>Defaults to <see cref="IdentityLinkStrength.Strong"/>.</value>
    public IdentityLinkStrength Strength { get; set; } = IdentityLinkStrength.Strong;

    /// <summary>
    /// Gets or sets whether a customer holds at most one value of this kind (per scope). Two customers holding different
    /// values are never merged: the attempt is recorded as an <see cref="IdentityConflict"/> instead.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool UniquePerCustomer { get; set; }

    /// <summary>
    /// Gets or sets the precedence of this kind when an event's identities point to different customers: the event is
    /// attributed to the customer of the identity with the lowest priority number.
    /// </summary>
    /// <value>Defaults to 100.</value>
    public int Priority { get; set; } = 100;
}
