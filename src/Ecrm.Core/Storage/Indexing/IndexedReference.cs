namespace Ecrm.Storage;

/// <summary>
/// A row of a store's reference table: a logged event names an identity as the author it reposted or replied to, or as
/// its referrer, so the identity's customer counts the event's customer among its relations.
/// </summary>
/// <param name="Identity">The identity named.</param>
/// <param name="Sequence">The log sequence of the event that names it.</param>
/// <param name="ActorId">The customer of that event when the row was written (a merged-away id leads to the live one).</param>
public sealed record IndexedReference(Identity Identity, long Sequence, string ActorId);
