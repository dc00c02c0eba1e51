namespace Ecrm.Listening;

/// <summary>A brand (or one of its products) named in a text.</summary>
/// <param name="Brand">The brand's name.</param>
/// <param name="IsOwn">Whether it is the company's own brand.</param>
/// <param name="Product">The product named, if a product alias matched.</param>
/// <param name="Alias">The alias found (folded to lowercase).</param>
/// <param name="Sentiment">The sentiment of the clause naming it, in [-1, 1] (the whole text's when the clause alone is neutral).</param>
public sealed record BrandMention(string Brand, bool IsOwn, string? Product, string Alias, double Sentiment);
