namespace Ecrm.Resolution;

/// <summary>A person record to resolve: an id and its field values in the order of the resolver's fields (null = missing).</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Values">One value per field, in the order of the resolver options' fields.</param>
public sealed record ResolutionRecord(string Id, IReadOnlyList<string?> Values);
