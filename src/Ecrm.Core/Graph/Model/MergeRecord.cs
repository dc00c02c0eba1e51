namespace Ecrm;

/// <summary>
/// One merge of two customers: which survived, which was merged, and the event and identity that linked them.
/// A merge can be undone with <see cref="ICustomerGraph.UndoMergeAsync"/>.
/// </summary>
/// <param name="Id">The merge id (<c>mrg_...</c>).</param>
/// <param name="SurvivorId">The customer that survived (the older one).</param>
/// <param name="MergedId">The customer merged into it; its id now resolves to the survivor.</param>
/// <param name="CauseEventId">The event that showed identities of both customers together.</param>
/// <param name="LinkingIdentity">The identity of the merged customer that the event linked.</param>
/// <param name="OccurredAt">The time of the causing event.</param>
public sealed record MergeRecord(string Id, string SurvivorId, string MergedId, string CauseEventId, Identity LinkingIdentity, DateTimeOffset OccurredAt);
