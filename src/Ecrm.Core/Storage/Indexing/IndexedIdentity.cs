namespace Ecrm.Storage;

/// <summary>A row of a store's identity directory: which customer an identity belongs to, and when it was first seen.</summary>
/// <param name="Identity">The identity (normalized).</param>
/// <param name="CustomerId">The live customer it belongs to.</param>
/// <param name="FirstSeenTicks">The UTC ticks of the earliest event that carried or named it.</param>
/// <param name="FirstSeenEventId">The id of that event (ties on time are ordered by event id).</param>
/// <param name="FirstReference">The log sequence of the earliest event (by time, then id) that names it as target author or referrer, 0 when none does.</param>
public sealed record IndexedIdentity(Identity Identity, string CustomerId, long FirstSeenTicks, string FirstSeenEventId, long FirstReference = 0);
