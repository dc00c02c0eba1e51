namespace Ecrm.Listening;

/// <summary>What listening reads from one text.</summary>
/// <param name="Sentiment">The whole text's sentiment.</param>
/// <param name="Aspects">The aspects it names, each with its clause's sentiment.</param>
/// <param name="Brands">The tracked brands it names, each with its clause's sentiment.</param>
/// <param name="Request">The clause that asks for something, when the text is a feature request.</param>
public sealed record TextAnalysis(SentimentResult Sentiment, IReadOnlyList<AspectMention> Aspects, IReadOnlyList<BrandMention> Brands, string? Request)
{
    /// <summary>Gets the aspects complained about (named in a negative clause), without repeats.</summary>
    public IEnumerable<string> Complaints => Aspects.Where(a => a.IsComplaint).Select(a => a.Aspect).Distinct(StringComparer.Ordinal);
}
