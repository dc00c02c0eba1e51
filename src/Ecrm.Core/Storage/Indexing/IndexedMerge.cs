namespace Ecrm.Storage;

/// <summary>
/// A row of a store's merges: the customer whose row lists a merge, for an undo to find the part of the graph it
/// changes without loading the whole graph. Written with the customer's row; a merge that a later merge moved to
/// another customer is written again under it, and a row whose merge is gone is only a hint (the undo checks it).
/// </summary>
/// <param name="MergeId">The merge.</param>
/// <param name="CustomerId">The customer whose row listed it when it was written.</param>
public readonly record struct IndexedMerge(string MergeId, string CustomerId);
