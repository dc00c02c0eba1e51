namespace Ecrm.Listening;

/// <summary>The sentiment of one text.</summary>
/// <param name="Score">From -1 (very negative) through 0 (neutral or no evidence) to 1 (very positive).</param>
/// <param name="Language">The language detected in the text.</param>
public readonly record struct SentimentResult(double Score, TextLanguage Language)
{
    /// <summary>Gets whether the text reads negative (score below zero). A text with no evidence either way is not negative.</summary>
    public bool IsNegative => Score < 0;

    /// <summary>Gets the binary label used by the sample host and accuracy figures: 1 positive (score at least zero), 0 negative.</summary>
    public int Label => IsNegative ? 0 : 1;
}
