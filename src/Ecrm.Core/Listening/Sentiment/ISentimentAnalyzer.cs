namespace Ecrm.Listening;

/// <summary>
/// Reads the sentiment of a text. Two implementations ship: <see cref="LexiconSentimentAnalyzer"/> (zero configuration,
/// Chinese and English lexicons plus rules) and <see cref="SentimentModel"/> (trained on a company's own reviews).
/// Implementations are thread-safe.
/// </summary>
public interface ISentimentAnalyzer
{
    /// <summary>Analyzes a text.</summary>
    /// <param name="text">The text, in any mix of Chinese and English; longer than 10,000 characters is cut there.</param>
    /// <returns>The score in [-1, 1] and the detected language.</returns>
    SentimentResult Analyze(string text);
}
