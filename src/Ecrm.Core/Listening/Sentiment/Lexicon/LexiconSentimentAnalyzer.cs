using System.Buffers;
using System.Text;

namespace Ecrm.Listening;

/// <summary>
/// The zero-configuration sentiment analyzer: lexicon plus rules, for Chinese, English and mixed text, with no training.
/// </summary>
/// <remarks>
/// <para>Each sentiment word's valence (-4 to +4) is scaled by the degree adverbs just before it (非常, 有点, very,
/// slightly; within two tokens), flipped and damped (x -0.74) by a negation before it in the same clause (不, 没有, not,
/// n't; within five tokens in Chinese, three words in English; two negations cancel); a negation followed by no
/// sentiment word in its clause ("could not get it to pair", 没收到货) counts -0.6, since in reviews it reports a failure, and raised by 0.733 when shouted in
/// capitals. A contrast word (但是, 不过, but) halves the sentence's words before it and weighs those after it 1.5 times; a
/// concession word (虽然, although) halves the words after it. A sentence ending in ! (or several) is pushed 0.292 per mark
/// (up to four) in its own direction; two or three ? add 0.18 each. Emoji and emoticons are lexicon terms. The sum s of a
/// text becomes the score s / sqrt(s² + 15), in (-1, 1), as in VADER (Hutto and Gilbert 2014).</para>
/// <para>Longest terms win: 不错 (good) is one word, not 不 + 错; 不会再买 (won't buy again) is one negative phrase. A term
/// that is both a word and a degree adverb (好: good, or very) is a degree adverb when a sentiment word follows it at
/// once. Texts are NFKC-folded (full-width letters and punctuation become ASCII) and cut at 10,000 characters.</para>
/// </remarks>
public sealed class LexiconSentimentAnalyzer : ISentimentAnalyzer
{
    private const double NegationScale = -0.74;
    private const double UnresolvedNegation = -0.6;
    private const double ShoutBoost = 0.733;
    private const double ExclamationBoost = 0.292;
    private const double QuestionBoost = 0.18;
    private const double Alpha = 15;
    private const int StackTokens = 512;

    /// <summary>Initializes the analyzer.</summary>
    /// <param name="lexicon">The lexicon; <see cref="SentimentLexicon.Default"/> when null.</param>
    public LexiconSentimentAnalyzer(SentimentLexicon? lexicon = null)
    {
        Lexicon = lexicon ?? SentimentLexicon.Default;
    }

    /// <summary>Gets an analyzer over the shipped lexicon.</summary>
    public static LexiconSentimentAnalyzer Default { get; } = new();

    /// <summary>Gets the lexicon read.</summary>
    public SentimentLexicon Lexicon { get; }

    /// <inheritdoc />
    public SentimentResult Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > SentimentFeatures.MaxTextLength)
        {
            text = text[..SentimentFeatures.MaxTextLength];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new SentimentResult(0, TextLanguage.Unknown);
        }

        var original = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var lower = original.ToLowerInvariant();
        if (lower.Contains('’', StringComparison.Ordinal))
        {
            lower = lower.Replace('’', '\'');
        }

        var language = LanguageDetector.Detect(original);
        var capacity = lower.Length + 2;
        LexiconToken[]? rented = null;
        var tokens = capacity <= StackTokens ? stackalloc LexiconToken[StackTokens] : (rented = ArrayPool<LexiconToken>.Shared.Rent(capacity));
        try
        {
            var count = LexiconTokenizer.Tokenize(Lexicon, lower, original, tokens);
            var sum = Sum(tokens[..count], shoutingCounts: HasLowercase(original));
            return new SentimentResult(sum / Math.Sqrt((sum * sum) + Alpha), language);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<LexiconToken>.Shared.Return(rented);
            }
        }
    }

    private static bool HasLowercase(string text)
    {
        foreach (var ch in text)
        {
            if (char.IsLower(ch))
            {
                return true;
            }
        }

        return false;
    }

    private static double Sum(ReadOnlySpan<LexiconToken> tokens, bool shoutingCounts)
    {
        double total = 0, sentenceBefore = 0, sentenceAfter = 0;
        double afterWeight = 1;
        var conceding = false;
        int negationAt = int.MinValue / 2, negations = 0, degreeAt = int.MinValue / 2;
        double degree = 1;
        var negationWindow = 3;
        var negationUnresolved = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var token = ref tokens[i];
            if (negationUnresolved && token.Kind is LexiconTokenKind.ClauseEnd or LexiconTokenKind.SentenceEnd)
            {
                sentenceAfter += UnresolvedNegation * afterWeight * (conceding ? 0.5 : 1);
                negationUnresolved = false;
            }

            switch (token.Kind)
            {
                case LexiconTokenKind.SentenceEnd:
                    var sentence = sentenceBefore + sentenceAfter;
                    if (sentence != 0)
                    {
                        sentence += Math.Sign(sentence) * ((Math.Min((int)token.Exclamations, 4) * ExclamationBoost)
                            + (token.Questions is > 1 and <= 3 ? token.Questions * QuestionBoost : token.Questions > 3 ? 0.96 : 0));
                    }

                    total += sentence;
                    sentenceBefore = sentenceAfter = 0;
                    afterWeight = 1;
                    conceding = false;
                    goto case LexiconTokenKind.ClauseEnd;
                case LexiconTokenKind.ClauseEnd:
                    negations = 0;
                    negationAt = degreeAt = int.MinValue / 2;
                    degree = 1;
                    break;
                case LexiconTokenKind.Filler:
                    break;
                default:
                    var term = token.Term;
                    var actsAsDegree = term.Role == LexiconTermKind.Degree
                        && (!term.IsWord || (i + 1 < tokens.Length && tokens[i + 1] is { Kind: LexiconTokenKind.Term, Term.IsWord: true }));
                    if (actsAsDegree)
                    {
                        degree = i - degreeAt <= 1 ? degree * term.Multiplier : term.Multiplier;
                        degreeAt = i;
                    }
                    else if (term.Role == LexiconTermKind.Negation)
                    {
                        negations = i - negationAt <= negationWindow ? negations + 1 : 1;
                        negationAt = i;
                        negationWindow = token.Chinese ? 5 : 3;
                        negationUnresolved = true;
                    }
                    else if (term.Role == LexiconTermKind.Contrast)
                    {
                        sentenceBefore = (sentenceBefore + sentenceAfter) * 0.5;
                        sentenceAfter = 0;
                        afterWeight = 1.5;
                        conceding = false;
                    }
                    else if (term.Role == LexiconTermKind.Concession)
                    {
                        conceding = true;
                    }
                    else if (term.IsWord && term.Valence != 0)
                    {
                        double valence = term.Valence;
                        if (token.Shouted && shoutingCounts)
                        {
                            valence += Math.Sign(valence) * ShoutBoost;
                        }

                        if (i - degreeAt <= 2)
                        {
                            valence *= degree;
                        }

                        var negated = i - negationAt <= negationWindow && negations % 2 == 1;
                        if (negated)
                        {
                            valence *= NegationScale;
                        }

                        sentenceAfter += valence * afterWeight * (conceding ? 0.5 : 1);
                        negationUnresolved = false;
                        degree = 1;
                        degreeAt = int.MinValue / 2;
                    }

                    break;
            }
        }

        return total;
    }
}
