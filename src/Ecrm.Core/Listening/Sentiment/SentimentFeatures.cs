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

    /// <summary>
    /// The same features as <see cref="Of"/>, as 64-bit hashes of their text (XxHash3 of the UTF-16 code units),
    /// without allocating a string per feature: the scoring path.
    /// </summary>
    public static void Hashes(string text, HashSet<ulong> into)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var folded = (text.Length > MaxTextLength ? text[..MaxTextLength] : text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        Span<char> pair = stackalloc char[2];
        var previousWord = -1;
        var previousLength = 0;
        var wordStart = -1;
        var previousIdeograph = '\0';

        void EndWord(int end, Span<char> scratch)
        {
            if (wordStart < 0)
            {
                return;
            }

            var word = folded.AsSpan(wordStart, end - wordStart);
            into.Add(Hash(word));
            if (previousWord >= 0 && previousLength + 1 + word.Length <= scratch.Length)
            {
                folded.AsSpan(previousWord, previousLength).CopyTo(scratch);
                scratch[previousLength] = ' ';
                word.CopyTo(scratch[(previousLength + 1)..]);
                into.Add(Hash(scratch[..(previousLength + 1 + word.Length)]));
            }

            previousWord = wordStart;
            previousLength = word.Length;
            wordStart = -1;
        }

        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < folded.Length; i++)
        {
            var ch = folded[i];
            if (IsIdeograph(ch))
            {
                EndWord(i, buffer);
                previousWord = -1;
                into.Add(Hash(folded.AsSpan(i, 1)));
                if (previousIdeograph != '\0')
                {
                    pair[0] = previousIdeograph;
                    pair[1] = ch;
                    into.Add(Hash(pair));
                }

                previousIdeograph = ch;
            }
            else if (char.IsLetterOrDigit(ch) || ch == '\'')
            {
                previousIdeograph = '\0';
                if (wordStart < 0)
                {
                    wordStart = i;
                }
            }
            else
            {
                EndWord(i, buffer);
                previousIdeograph = '\0';
                if (ch is '!' or '?' or '！' or '？')
                {
                    into.Add(Hash(folded.AsSpan(i, 1)));
                }

                if (char.IsWhiteSpace(ch))
                {
                    continue;
                }

                previousWord = -1;
            }
        }

        EndWord(folded.Length, buffer);
    }

    public static ulong Hash(ReadOnlySpan<char> feature) => System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(feature));

    public static bool IsIdeograph(char ch) => ch is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
