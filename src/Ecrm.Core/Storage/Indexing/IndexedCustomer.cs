namespace Ecrm.Storage;

/// <summary>
/// A row of a store's customer table: a live customer (with <see cref="LiveId"/> null), or an id that was merged away
/// and now names <see cref="LiveId"/>.
/// </summary>
/// <param name="Id">The customer id.</param>
/// <param name="LiveId">The live customer the id now names, or null when the id is live itself.</param>
/// <param name="FoundedTicks">The UTC ticks of the event (or reference) that founded the customer.</param>
/// <param name="FoundedEventId">The id of that event.</param>
/// <param name="IsProspect">Whether the customer has no purchase.</param>
/// <param name="Merges">The merges the customer came from (empty for an alias).</param>
/// <param name="Conflicts">The unique-kind conflicts the customer is part of (empty for an alias).</param>
/// <param name="MergedIds">
/// Every id merged into the customer, in ordinal order (empty for an alias); the profile lists those that lead to it
/// (a rebuild may have sent one elsewhere).
/// </param>
/// <param name="Component">
/// The name of the customer's raw component (the identities ever seen together, see <c>docs/concepts.md</c>): the
/// customers a write may change together, which a working set loads together. Null for an alias.
/// </param>
public sealed record IndexedCustomer(
    string Id,
    string? LiveId,
    long FoundedTicks,
    string FoundedEventId,
    bool IsProspect,
    IReadOnlyList<MergeRecord> Merges,
    IReadOnlyList<IdentityConflict> Conflicts,
    IReadOnlyList<string> MergedIds,
    string? Component = null)
{
    /// <summary>An id merged away, which now names <paramref name="liveId"/>.</summary>
    /// <param name="id">The merged id.</param>
    /// <param name="liveId">The live customer.</param>
    /// <returns>The alias row.</returns>
    public static IndexedCustomer Alias(string id, string liveId) => new(id, liveId, 0, string.Empty, false, [], [], []);
}
