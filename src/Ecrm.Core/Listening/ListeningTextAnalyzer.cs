namespace Ecrm.Listening;

/// <summary>
/// Reads a text for listening: its sentiment, the aspects and brands it names (each with its own clause's sentiment, so
/// "不错，但是物流太慢" praises the product and complains about logistics) and whether it asks for something.
/// </summary>
internal sealed class ListeningTextAnalyzer
{
    private readonly ISentimentAnalyzer _sentiment;
    private readonly KeywordMatcher _aspects;
    private readonly string[] _aspectOf;
    private readonly KeywordMatcher _brands;
    private readonly (string Brand, bool IsOwn, string? Product)[] _brandOf;
    private readonly KeywordMatcher _cues;
    private readonly KeywordMatcher _exclusions;

    public ListeningTextAnalyzer(ListeningOptions options, ISentimentAnalyzer sentiment)
    {
        _sentiment = sentiment;
        var aspectKeywords = options.Aspects.SelectMany(a => a.Keywords.Select(k => (a.Name, Keyword: k))).ToList();
        _aspects = new KeywordMatcher(aspectKeywords.Select(k => k.Keyword));
        _aspectOf = [.. aspectKeywords.Where(k => KeywordMatcher.Fold(k.Keyword).Length > 0).Select(k => k.Name)];
        var brandAliases = new List<(string Alias, string Brand, bool IsOwn, string? Product)>();
        foreach (var (brand, own) in options.AllBrands())
        {
            foreach (var alias in (brand.Aliases ?? []).Prepend(brand.Name))
            {
                brandAliases.Add((alias, brand.Name, own, null));
            }

            foreach (var product in brand.Products ?? [])
            {
                foreach (var alias in (product.Aliases ?? []).Prepend(product.Name))
                {
                    brandAliases.Add((alias, brand.Name, own, product.Name));
                }
            }
        }

        brandAliases.RemoveAll(a => KeywordMatcher.Fold(a.Alias).Length == 0);
        _brands = new KeywordMatcher(brandAliases.Select(a => a.Alias));
        _brandOf = [.. brandAliases.Select(a => (a.Brand, a.IsOwn, a.Product))];
        _cues = new KeywordMatcher(options.RequestCues);
        _exclusions = new KeywordMatcher(options.RequestExclusions);
    }

    public TextAnalysis Analyze(string text)
    {
        var sentiment = _sentiment.Analyze(text);
        var folded = KeywordMatcher.Fold(text.Length > SentimentFeatures.MaxTextLength ? text[..SentimentFeatures.MaxTextLength] : text);
        var clauseScores = new Dictionary<int, double>();
        double ClauseSentiment(int position)
        {
            var (start, length) = TextClauses.Around(folded, position);
            if (!clauseScores.TryGetValue(start, out var score))
            {
                score = _sentiment.Analyze(folded.Substring(start, length)).Score;
                clauseScores[start] = score == 0 ? sentiment.Score : score;
            }

            return clauseScores[start];
        }

        var aspects = new List<AspectMention>();
        foreach (var (k, start, length) in _aspects.Matches(folded))
        {
            var name = _aspectOf[k];
            var score = ClauseSentiment(start);
            var existing = aspects.FindIndex(a => a.Aspect == name);
            if (existing < 0)
            {
                aspects.Add(new AspectMention(name, folded.Substring(start, length), score));
            }
            else if (score < aspects[existing].Sentiment)
            {
                aspects[existing] = aspects[existing] with { Sentiment = score }; // a complaint outweighs praise of the same aspect
            }
        }

        var brands = new List<BrandMention>();
        foreach (var (k, start, length) in _brands.Matches(folded))
        {
            var (brand, own, product) = _brandOf[k];
            var existing = brands.FindIndex(b => b.Brand == brand);
            var mention = new BrandMention(brand, own, product, folded.Substring(start, length), ClauseSentiment(start));
            if (existing < 0)
            {
                brands.Add(mention);
            }
            else if (brands[existing].Product is null && product is not null)
            {
                brands[existing] = mention; // the product is the more telling match
            }
        }

        return new TextAnalysis(sentiment, aspects, brands, FindRequest(folded));
    }

    private string? FindRequest(string folded)
    {
        var cues = _cues.Matches(folded);
        if (cues.Count == 0)
        {
            return null;
        }

        var excluded = _exclusions.Matches(folded);
        foreach (var (_, start, length) in cues)
        {
            if (excluded.Any(e => e.Start < start + length && start < e.Start + e.Length))
            {
                continue;
            }

            var (sentenceStart, sentenceLength) = TextClauses.Around(folded, start, sentence: true);
            var request = folded.Substring(sentenceStart, sentenceLength).Trim();
            if (request.Length >= 2)
            {
                return request.Length > 200 ? request[..200] : request;
            }
        }

        return null;
    }
}
