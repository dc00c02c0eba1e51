using System.Globalization;
using System.Reflection;

namespace Ecrm.Listening;

/// <summary>
/// The terms <see cref="LexiconSentimentAnalyzer"/> reads: sentiment words and phrases with valences, negations, degree
/// adverbs, contrast and concession words, in Chinese and English. Immutable; <see cref="With"/> returns a copy with a
/// company's own terms added (for its products' slang) or overriding shipped ones.
/// </summary>
/// <remarks>
/// <see cref="Default"/> combines the project's Chinese lexicon (<c>zh-lexicon.tsv</c>, written by Ecrm.Sdk), its English
/// rule words and review phrases (<c>en-lexicon.tsv</c>) and the VADER lexicon's single-word valences (MIT licence, see
/// THIRD-PARTY-NOTICES.txt in the package). The text format read by <see cref="Parse"/>: one term per line,
/// <c>term&lt;TAB&gt;kind&lt;TAB&gt;value</c> with kind one of word, negation, degree, contrast, concession; blank lines and
/// lines starting with # are ignored.
/// </remarks>
public sealed class SentimentLexicon
{
    /// <summary>The longest term accepted, in characters.</summary>
    public const int MaxTermLength = 40;

    private static readonly Lazy<SentimentLexicon> LazyDefault = new(LoadDefault);
    private readonly Dictionary<string, LexiconTerm> _terms;
    private readonly Dictionary<string, LexiconTerm>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly byte[] _longestByFirstChar;

    private SentimentLexicon(Dictionary<string, LexiconTerm> terms)
    {
        _terms = terms;
        _lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestByFirstChar = new byte[char.MaxValue + 1];
        foreach (var term in terms.Keys)
        {
            ref var longest = ref _longestByFirstChar[term[0]];
            longest = (byte)Math.Max(longest, term.Length);
        }
    }

    /// <summary>Gets the shipped lexicon: Chinese and English, with the VADER word valences.</summary>
    public static SentimentLexicon Default => LazyDefault.Value;

    /// <summary>Gets a lexicon with no terms.</summary>
    public static SentimentLexicon Empty { get; } = new(new Dictionary<string, LexiconTerm>(StringComparer.Ordinal));

    /// <summary>Gets how many distinct terms the lexicon holds.</summary>
    public int Count => _terms.Count;

    /// <summary>Gets every entry (a term that is both a word and a degree adverb, such as 好, appears twice).</summary>
    public IEnumerable<LexiconEntry> Entries
    {
        get
        {
            foreach (var (term, info) in _terms)
            {
                if (info.IsWord)
                {
                    yield return new LexiconEntry(term, LexiconTermKind.Word, info.Valence);
                }

                if (info.Role != LexiconTermKind.Word)
                {
                    yield return new LexiconEntry(term, info.Role, info.Role == LexiconTermKind.Degree ? info.Multiplier : 0);
                }
            }
        }
    }

    /// <summary>Reads a lexicon in the text format (see the remarks).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for error messages, such as the file name.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="EcrmException">A line is malformed; the message names the source and line.</exception>
    public static SentimentLexicon Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Empty.With(ReadEntries(reader, source));
    }

    /// <summary>Returns a copy with entries added; an entry replaces the same term's entry of the same kind.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The new lexicon.</returns>
    /// <exception cref="EcrmException">An entry is invalid (empty or too long a term, a value out of range).</exception>
    public SentimentLexicon With(IEnumerable<LexiconEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var terms = new Dictionary<string, LexiconTerm>(_terms, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            Add(terms, entry, overwrite: true);
        }

        return new SentimentLexicon(terms);
    }

    internal bool TryGet(ReadOnlySpan<char> term, out LexiconTerm info) => _lookup.TryGetValue(term, out info);

    internal int LongestStartingWith(char first) => _longestByFirstChar[first];

    private static void Add(Dictionary<string, LexiconTerm> terms, LexiconEntry entry, bool overwrite)
    {
        var term = Validate(entry);
        if (term.Contains('\'', StringComparison.Ordinal))
        {
            // Reviews often drop the apostrophe: "dont", "cant" read as "don't", "can't" unless defined otherwise.
            Add(terms, entry with { Term = term.Replace("'", string.Empty, StringComparison.Ordinal) }, overwrite: false);
        }

        terms.TryGetValue(term, out var existing);
        if (entry.Kind == LexiconTermKind.Word)
        {
            if (existing.IsWord && !overwrite)
            {
                return;
            }

            terms[term] = existing with { IsWord = true, Valence = (float)entry.Value };
        }
        else
        {
            if (existing.Role != LexiconTermKind.Word && !overwrite)
            {
                return;
            }

            terms[term] = existing with { Role = entry.Kind, Multiplier = entry.Kind == LexiconTermKind.Degree ? (float)entry.Value : 1f };
        }
    }

    private static string Validate(LexiconEntry entry)
    {
        var term = entry.Term?.Trim() ?? string.Empty;
        if (term.Length == 0 || term.Length > MaxTermLength || term.Contains('\t', StringComparison.Ordinal))
        {
            throw new EcrmException($"Sentiment lexicon: expected a term of 1 to {MaxTermLength} characters without tabs, received \"{entry.Term}\".");
        }

        if (!Enum.IsDefined(entry.Kind))
        {
            throw new EcrmException($"Sentiment lexicon: expected a kind of word, negation, degree, contrast or concession for \"{term}\", received {(int)entry.Kind}.");
        }

        if (entry.Kind == LexiconTermKind.Word && !(entry.Value is >= -4 and <= 4))
        {
            throw new EcrmException($"Sentiment lexicon: expected a valence from -4 to 4 for \"{term}\", received {entry.Value}.");
        }

        if (entry.Kind == LexiconTermKind.Degree && !(entry.Value is >= 0.1 and <= 3))
        {
            throw new EcrmException($"Sentiment lexicon: expected a degree multiplier from 0.1 to 3 for \"{term}\", received {entry.Value}.");
        }

        return string.Join(' ', term.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<LexiconEntry> ReadEntries(TextReader reader, string source)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3
                || !TryParseKind(parts[1], out var kind)
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new EcrmException($"Sentiment lexicon {source}, line {lineNumber}: expected \"term<TAB>word|negation|degree|contrast|concession<TAB>number\", received \"{line}\".");
            }

            yield return new LexiconEntry(parts[0], kind, value);
        }
    }

    private static bool TryParseKind(string text, out LexiconTermKind kind)
    {
        kind = text switch
        {
            "word" => LexiconTermKind.Word,
            "negation" => LexiconTermKind.Negation,
            "degree" => LexiconTermKind.Degree,
            "contrast" => LexiconTermKind.Contrast,
            "concession" => LexiconTermKind.Concession,
            _ => (LexiconTermKind)(-1),
        };
        return kind >= 0;
    }

    private static SentimentLexicon LoadDefault()
    {
        var terms = new Dictionary<string, LexiconTerm>(StringComparer.Ordinal);
        foreach (var name in new[] { "zh-lexicon.tsv", "en-lexicon.tsv" })
        {
            using var reader = OpenResource(name);
            foreach (var entry in ReadEntries(reader, name))
            {
                Add(terms, entry, overwrite: true);
            }
        }

        // VADER's single-word valences fill in what the project's lists do not define (its rule words and phrases win).
        using (var vader = OpenResource("vader_lexicon.txt"))
        {
            while (vader.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence)
                    && !parts[0].Contains(' ', StringComparison.Ordinal)
                    && !terms.ContainsKey(parts[0].ToLowerInvariant()))
                {
                    Add(terms, new LexiconEntry(parts[0], LexiconTermKind.Word, valence), overwrite: false);
                }
            }
        }

        return new SentimentLexicon(terms);
    }

    private static StreamReader OpenResource(string name)
    {
        var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream("Ecrm.Listening." + name)
            ?? throw new InvalidOperationException($"Embedded lexicon Ecrm.Listening.{name} is missing from {typeof(SentimentLexicon).Assembly.GetName().Name}.");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }
}

/// <summary>What the analyzer knows about one term: a word valence, a rule role, or both (好: good, or very).</summary>
internal readonly record struct LexiconTerm(bool IsWord, float Valence, LexiconTermKind Role, float Multiplier);
