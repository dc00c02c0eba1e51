namespace Ecrm;

/// <summary>
/// A link the graph refused: an event showed together two different values of an identity kind that is unique per
/// customer (for example two member cards), so the two customers were kept apart instead of merged silently.
/// </summary>
/// <param name="Id">The conflict id (<c>cfl_...</c>).</param>
/// <param name="CustomerId">The customer holding <paramref name="ExistingValue"/> (resolve it: it may since have merged).</param>
/// <param name="OtherCustomerId">The customer holding <paramref name="IncomingValue"/>.</param>
/// <param name="Kind">The unique identity kind.</param>
/// <param name="Scope">The scope of the kind, if any.</param>
/// <param name="ExistingValue">The value the first customer holds.</param>
/// <param name="IncomingValue">The different value the event tried to link.</param>
/// <param name="CauseEventId">The event that tried.</param>
/// <param name="OccurredAt">The time of that event.</param>
public sealed record IdentityConflict(
    string Id,
    string CustomerId,
    string OtherCustomerId,
    IdentityKind Kind,
    string? Scope,
    string ExistingValue,
    string IncomingValue,
    string CauseEventId,
    DateTimeOffset OccurredAt);
