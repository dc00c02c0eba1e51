namespace Ecrm.Storage;

/// <summary>What a store did with a batch of events.</summary>
/// <param name="Outcomes">One outcome per event, in input order.</param>
/// <param name="Changes">The customers the batch created, changed or merged away.</param>
/// <param name="Merges">How many merges the batch caused.</param>
/// <param name="Conflicts">How many identity conflicts the batch recorded.</param>
public sealed record StoreApplyResult(IReadOnlyList<EventApplyOutcome> Outcomes, CustomerChangeSet Changes, int Merges, int Conflicts);
