namespace Ecrm.Listening;

/// <summary>
/// Splits a lowercased, NFKC-folded text into <see cref="LexiconToken"/>s: runs of ideographs by forward maximum matching
/// against the lexicon, Latin words joined into the longest lexicon phrase, emoticons and emoji by longest match, and
/// punctuation into clause and sentence ends with their ! and ? counts.
/// </summary>
internal static class LexiconTokenizer
{
    private const int MaxPhraseWords = 5;

    public static int Tokenize(SentimentLexicon lexicon, string lower, string original, Span<LexiconToken> tokens)
    {
        var count = 0;
        var i = 0;
        var n = lower.Length;
        while (i < n && count < tokens.Length - 1)
        {
            var c = lower[i];
            if (char.IsWhiteSpace(c) && c is not '\n' and not '\r')
            {
                i++;
            }
            else if (SentimentFeatures.IsIdeograph(c))
            {
                var length = LongestMatch(lexicon, lower, i, IdeographRunEnd(lower, i), out var term);
                tokens[count++] = length > 0
                    ? new LexiconToken { Kind = LexiconTokenKind.Term, Term = term, Chinese = true }
                    : new LexiconToken { Kind = LexiconTokenKind.Filler, Chinese = true };
                i += Math.Max(length, 1);
            }
            else if (char.IsLetterOrDigit(c))
            {
                i = ReadWords(lexicon, lower, original, i, ref tokens[count++]);
            }
            else
            {
                var length = LongestMatch(lexicon, lower, i, SymbolRunEnd(lower, i), out var term);
                if (length > 0)
                {
                    tokens[count++] = new LexiconToken { Kind = LexiconTokenKind.Term, Term = term };
                    i += length;
                }
                else
                {
                    i = ReadPunctuation(lower, i, ref tokens, ref count);
                }
            }
        }

        tokens[count++] = new LexiconToken { Kind = LexiconTokenKind.SentenceEnd };
        return count;
    }

    private static int ReadWords(SentimentLexicon lexicon, string lower, string original, int start, ref LexiconToken token)
    {
        Span<int> ends = stackalloc int[MaxPhraseWords];
        var words = 0;
        var position = start;
        while (words < MaxPhraseWords)
        {
            var end = WordEnd(lower, position);
            ends[words++] = end;
            if (end + 1 >= lower.Length || lower[end] != ' ' || !char.IsLetterOrDigit(lower[end + 1]) || end + 1 - start >= SentimentLexicon.MaxTermLength)
            {
                break;
            }

            position = end + 1;
        }

        var longest = lexicon.LongestStartingWith(lower[start]);
        for (var k = words - 1; k >= 0; k--)
        {
            var length = ends[k] - start;
            if (length <= longest && lexicon.TryGet(lower.AsSpan(start, length), out var term))
            {
                token = new LexiconToken { Kind = LexiconTokenKind.Term, Term = term, Shouted = IsShouted(original.AsSpan(start, ends[0] - start)) };
                return ends[k];
            }
        }

        token = new LexiconToken { Kind = LexiconTokenKind.Filler };
        return ends[0];
    }

    private static int ReadPunctuation(string lower, int start, ref Span<LexiconToken> tokens, ref int count)
    {
        var c = lower[start];
        if (c is ',' or ';' or ':' or '、' or '，' or '；' or '：' or '~' or '～')
        {
            tokens[count++] = new LexiconToken { Kind = LexiconTokenKind.ClauseEnd };
            return start + 1;
        }

        if (c is not ('.' or '!' or '?' or '。' or '！' or '？' or '…' or '\n' or '\r'))
        {
            return start + 1; // brackets, quotes and other symbols carry no rule
        }

        var i = start;
        int exclamations = 0, questions = 0;
        while (i < lower.Length && lower[i] is '.' or '!' or '?' or '。' or '！' or '？' or '…' or '\n' or '\r' or ' ')
        {
            exclamations += lower[i] is '!' or '！' ? 1 : 0;
            questions += lower[i] is '?' or '？' ? 1 : 0;
            i++;
        }

        tokens[count++] = new LexiconToken
        {
            Kind = LexiconTokenKind.SentenceEnd,
            Exclamations = (byte)Math.Min(exclamations, 10),
            Questions = (byte)Math.Min(questions, 10),
        };
        return i;
    }

    private static int LongestMatch(SentimentLexicon lexicon, string lower, int start, int runEnd, out LexiconTerm term)
    {
        for (var length = Math.Min(lexicon.LongestStartingWith(lower[start]), runEnd - start); length > 0; length--)
        {
            if (lexicon.TryGet(lower.AsSpan(start, length), out term))
            {
                return length;
            }
        }

        term = default;
        return 0;
    }

    private static int IdeographRunEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && SentimentFeatures.IsIdeograph(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SymbolRunEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && !SentimentFeatures.IsIdeograph(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsLetterOrDigit(text[i])
            || (text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && !SentimentFeatures.IsIdeograph(text[i + 1]))))
        {
            if (SentimentFeatures.IsIdeograph(text[i]))
            {
                break;
            }

            i++;
        }

        return Math.Max(i, start + 1);
    }

    private static bool IsShouted(ReadOnlySpan<char> word)
    {
        if (word.Length < 2)
        {
            return false;
        }

        foreach (var ch in word)
        {
            if (char.IsLower(ch))
            {
                return false;
            }
        }

        return true;
    }
}
