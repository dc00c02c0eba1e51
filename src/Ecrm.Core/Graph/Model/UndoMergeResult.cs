namespace Ecrm;

/// <summary>The outcome of undoing a merge.</summary>
/// <param name="MergeId">The merge undone.</param>
/// <param name="SurvivorId">The customer that had survived the merge (its current id).</param>
/// <param name="RestoredId">The customer split off again (its current id).</param>
/// <param name="Changes">All customers the undo changed.</param>
public sealed record UndoMergeResult(string MergeId, string SurvivorId, string RestoredId, CustomerChangeSet Changes);
