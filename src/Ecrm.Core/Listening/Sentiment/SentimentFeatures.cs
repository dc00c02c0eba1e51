using System.Text;

namespace Ecrm.Listening;

/// <summary>
/// The features of a text for sentiment: for Chinese (and any run of ideographs) character unigrams and bigrams, for
/// other scripts lowercase word unigrams and bigrams; each feature counted once per text (binarised counts classify
/// sentiment better than raw counts). Mixed text yields both kinds.
/// </summary>
internal static class SentimentFeatures
{
    public const int MaxTextLength = 10_000;

    public static HashSet<string> Of(string text)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return features;
        }

        var folded = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        folded = folded.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        string? previousWord = null;
        var word = new StringBuilder();
        char previousIdeograph = '\0';

        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = word.ToString();
            features.Add(w);
            if (previousWord is not null)
            {
                features.Add(previousWord + " " + w);
            }

            previousWord = w;
            word.Clear();
        }

        foreach (var ch in folded)
        {
            if (IsIdeograph(ch))
            {
                EndWord();
                previousWord = null;
                features.Add(ch.ToString());
                if (previousIdeograph != '\0')
                {
                    features.Add(string.Concat(previousIdeograph.ToString(), ch.ToString()));
                }

                previousIdeograph = ch;
            }
            else if (char.IsLetterOrDigit(ch) || ch == '\'')
            {
                previousIdeograph = '\0';
                word.Append(ch);
            }
            else
            {
                EndWord();
                previousIdeograph = '\0';
                if (ch is '!' or '?' or '！' or '？')
                {
                    features.Add(ch.ToString()); // punctuation that carries tone
                }

                if (char.IsWhiteSpace(ch))
                {
                    continue;
                }

                previousWord = null;
            }
        }

        EndWord();
        return features;
    }

    public static bool IsIdeograph(char ch) => ch is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
