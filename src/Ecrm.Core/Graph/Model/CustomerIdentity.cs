namespace Ecrm;

/// <summary>An identity of a customer, with when it was first seen.</summary>
/// <param name="Identity">The identity.</param>
/// <param name="FirstSeenAt">The time of the earliest event that showed it (or referenced it).</param>
public sealed record CustomerIdentity(Identity Identity, DateTimeOffset FirstSeenAt);
