namespace Ecrm;

/// <summary>Sizes of the customer graph.</summary>
/// <param name="Customers">Customers (live ids).</param>
/// <param name="Prospects">Customers without a purchase.</param>
/// <param name="Identities">Identities.</param>
/// <param name="Events">Stored events.</param>
/// <param name="Merges">Merges in effect.</param>
/// <param name="Conflicts">Identity conflicts recorded.</param>
public sealed record GraphStatistics(long Customers, long Prospects, long Identities, long Events, long Merges, long Conflicts);
