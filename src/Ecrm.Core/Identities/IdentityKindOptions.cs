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

    /// <summary>
    /// Gets or sets, for a weak kind, how many distinct strong identities one of its identities may be seen with
    /// before it counts as <em>shared</em> (a store's kiosk, a family computer, a public Wi-Fi): a shared identity links
    /// no one, joins no anonymous customer to an identified one, and identifies only events that carry nothing else,
    /// which go to a customer of its own. Whether an identity is shared depends only on the set of events, never on
    /// their order, so ingestion stays order-free; and one shared device cannot chain thousands of people together.
    /// Ignored for strong kinds.
    /// </summary>
    /// <value>Defaults to 20 (a household's people with a few identities each); 1 to 10,000.</value>
    public int SharedAfter { get; set; } = 20;
}
