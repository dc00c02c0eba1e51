namespace Ecrm.Listening;

/// <summary>A product of a tracked brand; a mention of it counts as a mention of its brand.</summary>
/// <param name="Name">The product's display name.</param>
/// <param name="Aliases">Other names and spellings.</param>
public sealed record ProductDefinition(string Name, IReadOnlyList<string>? Aliases = null);
