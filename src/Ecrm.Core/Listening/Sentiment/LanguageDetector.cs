namespace Ecrm.Listening;

/// <summary>
/// Detects whether a text is Chinese, English or a mix, by its scripts: an ideograph counts as much as two Latin letters
/// (a Chinese character carries about a word's meaning). Chinese when ideographs make at least 60% of the weighted total
/// (brand names and units in Latin letters are common in Chinese text), English when they make at most 15%, else mixed.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Detects the language of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The language.</returns>
    public static TextLanguage Detect(ReadOnlySpan<char> text)
    {
        var ideographs = 0;
        var latin = 0;
        foreach (var ch in text)
        {
            if (SentimentFeatures.IsIdeograph(ch))
            {
                ideographs++;
            }
            else if (ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '\u00C0' and <= '\u024F' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A')
            {
                latin++;
            }
        }

        var chinese = 2.0 * ideographs;
        var total = chinese + latin;
        if (total == 0)
        {
            return TextLanguage.Unknown;
        }

        return (chinese / total) switch
        {
            >= 0.6 => TextLanguage.Chinese,
            <= 0.15 => TextLanguage.English,
            _ => TextLanguage.Mixed,
        };
    }
}
