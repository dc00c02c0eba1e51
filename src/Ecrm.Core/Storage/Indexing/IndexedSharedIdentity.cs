namespace Ecrm.Storage;

/// <summary>
/// A row of a store's shared identities: a weak identity seen with more strong identities than its kind's
/// <see cref="IdentityKindOptions.SharedAfter"/>, which links no one any more (a shop's kiosk, a family's tablet). A
/// working set needs to know it is shared before it replays the few events it loads, which alone would not say so.
/// </summary>
/// <param name="Identity">The identity (normalized).</param>
/// <param name="FirstSeenTicks">The UTC ticks of the earliest event that carried or named it.</param>
/// <param name="FirstSeenEventId">The id of that event.</param>
/// <param name="FirstReference">The log sequence of the earliest event that names it as target author or referrer, 0 when none does.</param>
public sealed record IndexedSharedIdentity(Identity Identity, long FirstSeenTicks, string FirstSeenEventId, long FirstReference);
