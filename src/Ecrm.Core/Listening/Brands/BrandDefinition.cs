namespace Ecrm.Listening;

/// <summary>A brand to track in texts: the company's own or a competitor's, with aliases and products.</summary>
/// <param name="Name">The brand's display name, such as 小米 or Apple.</param>
/// <param name="Aliases">Other names and spellings (the name itself always counts), such as "mi", "xiaomi".</param>
/// <param name="Products">The brand's products worth telling apart, such as 红米 or iPhone, each with aliases.</param>
public sealed record BrandDefinition(string Name, IReadOnlyList<string>? Aliases = null, IReadOnlyList<ProductDefinition>? Products = null);
