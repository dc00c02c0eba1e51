namespace Ecrm.Listening;

/// <summary>Requests that ask for much the same thing, grouped for product planning.</summary>
/// <param name="Key">A stable key for the group (the id of its first request's event).</param>
/// <param name="Representative">The first request's clause, which new requests are compared with.</param>
/// <param name="Count">How many requests the group holds.</param>
/// <param name="Customers">How many distinct customers asked.</param>
/// <param name="Examples">Up to five request clauses, newest last.</param>
/// <param name="Aspects">Aspects the requests name, most named first.</param>
/// <param name="FirstSeen">When the first request was made.</param>
/// <param name="LastSeen">When the latest request was made.</param>
public sealed record FeatureRequestGroup(
    string Key,
    string Representative,
    int Count,
    int Customers,
    IReadOnlyList<string> Examples,
    IReadOnlyList<string> Aspects,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
