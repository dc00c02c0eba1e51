namespace Ecrm.Storage;

/// <summary>The sizes a store's graph index keeps beside its rows (prospects are counted from the customer rows).</summary>
/// <param name="Customers">Live customers.</param>
/// <param name="Identities">Identities.</param>
/// <param name="Events">Events.</param>
/// <param name="Merges">Merges in effect.</param>
/// <param name="Conflicts">Unique-kind conflicts.</param>
public readonly record struct IndexedGraphStatistics(long Customers, long Identities, long Events, long Merges, long Conflicts);
