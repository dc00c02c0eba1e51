using System.Text.Json;
using Ecrm.Listening;

namespace Ecrm.Answers;

/// <summary>
/// A versioned library of answers (FAQ entries with keywords and sample questions, in Chinese and English), the one
/// source every channel's auto-reply and every staff tool answers from, so the answer is the same whoever replies.
/// Matching: the entry's keywords found in the question (Aho-Corasick, case- and width-folded, word boundaries for
/// Latin keywords), each worth up to 1 by length, plus twice the best character-bigram similarity to a sample question;
/// the best entry at or above <see cref="MinScore"/> answers, in the question's language when it has one.
/// </summary>
public sealed class AnswerLibrary
{
    private readonly KeywordMatcher _keywords;
    private readonly List<(int Entry, string Keyword)> _keywordEntries = [];
    private readonly List<HashSet<int>[]> _questionGrams = [];

    /// <summary>Creates a library.</summary>
    /// <param name="entries">The entries (unique ids, at least one answer each).</param>
    /// <param name="version">The version (1 or more; publishing a library needs a higher one).</param>
    /// <param name="minScore">The least score that answers. Default 0.8.</param>
    /// <exception cref="EcrmException">An entry is malformed or ids repeat; the message names it.</exception>
    public AnswerLibrary(IEnumerable<AnswerEntry> entries, int version = 1, double minScore = 0.8)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        Version = version >= 1 ? version : throw new EcrmException($"AnswerLibrary: expected a version of 1 or more, received {version}.");
        MinScore = minScore > 0 ? minScore : throw new EcrmException($"AnswerLibrary: expected a positive MinScore, received {minScore}.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var keywords = new List<string>();
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (string.IsNullOrWhiteSpace(entry.Id) || !ids.Add(entry.Id))
            {
                throw new EcrmException($"AnswerLibrary entry {i}: expected a unique id, received '{entry.Id}'.");
            }

            if (entry.Answers is null || entry.Answers.Count == 0 || entry.Answers.Values.Any(string.IsNullOrWhiteSpace))
            {
                throw new EcrmException($"AnswerLibrary entry {entry.Id}: expected at least one non-empty answer, received none.");
            }

            foreach (var keyword in entry.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)))
            {
                keywords.Add(keyword);
                _keywordEntries.Add((i, keyword));
            }

            _questionGrams.Add([.. entry.Questions.Select(q => Grams(KeywordMatcher.Fold(q)))]);
        }

        _keywords = new KeywordMatcher(keywords);
    }

    /// <summary>Gets the version.</summary>
    public int Version { get; }

    /// <summary>Gets the least score that answers.</summary>
    public double MinScore { get; }

    /// <summary>Gets the entries.</summary>
    public IReadOnlyList<AnswerEntry> Entries { get; }

    /// <summary>Finds the answer to a question.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The best match, or null when nothing scores <see cref="MinScore"/>.</returns>
    public AnswerMatch? Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var folded = KeywordMatcher.Fold(question);
        if (folded.Length == 0)
        {
            return null;
        }

        var scores = new double[Entries.Count];
        var matched = new List<string>[Entries.Count];
        foreach (var (keyword, _, _) in _keywords.Matches(folded).DistinctBy(m => m.Keyword))
        {
            var (index, text) = _keywordEntries[keyword];
            (matched[index] ??= []).Add(text);
            scores[index] += Math.Min(1.0, 0.5 * text.Length); // one Chinese character 0.5, two or more (or a Latin word) 1
        }

        var grams = Grams(folded);
        for (var i = 0; i < Entries.Count; i++)
        {
            var best = _questionGrams[i].Select(q => Jaccard(grams, q)).DefaultIfEmpty(0).Max();
            scores[i] += 2 * best;
        }

        var top = Enumerable.Range(0, Entries.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).FirstOrDefault(-1);
        if (top < 0 || scores[top] < MinScore)
        {
            return null;
        }

        var entry = Entries[top];
        var language = LanguageDetector.Detect(question) == TextLanguage.English ? "en" : "zh";
        var answerLanguage = entry.Answers.ContainsKey(language) ? language : entry.Answers.Keys.First();
        return new AnswerMatch(entry, answerLanguage, entry.Answers[answerLanguage], scores[top], matched[top] ?? [], Version);
    }

    /// <summary>Reads a library from JSON: <c>{"version":N,"minScore":S,"entries":[{"id","intent","keywords":[],"questions":[],"answers":{"zh":"...","en":"..."}}]}</c>.</summary>
    /// <param name="json">The JSON (at most 16 MiB).</param>
    /// <returns>The library.</returns>
    /// <exception cref="EcrmException">The JSON is malformed or an entry is invalid; the message names it.</exception>
    public static AnswerLibrary Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        AnswerLibraryFile? file;
        try
        {
            using var limited = new MemoryStream();
            json.CopyTo(limited, 81920);
            if (limited.Length > 16 << 20)
            {
                throw new EcrmException($"AnswerLibrary: expected at most 16 MiB of JSON, received {limited.Length:N0} bytes.");
            }

            limited.Position = 0;
            file = JsonSerializer.Deserialize(limited, AnswersJsonContext.Default.AnswerLibraryFile);
        }
        catch (JsonException ex)
        {
            throw new EcrmException($"AnswerLibrary: expected JSON with version and entries, received malformed JSON ({ex.Message}).", ex);
        }

        return file?.Entries is { } entries
            ? new AnswerLibrary(entries, file.Version, file.MinScore ?? 0.8)
            : throw new EcrmException("AnswerLibrary: expected an object with 'entries', received none.");
    }

    /// <summary>Writes the library as JSON (readable: Chinese as itself).</summary>
    /// <param name="destination">Where to write.</param>
    public void Save(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        JsonSerializer.Serialize(destination, new AnswerLibraryFile(Version, MinScore, [.. Entries]), AnswersJsonContext.Readable.AnswerLibraryFile);
    }

    private static HashSet<int> Grams(string folded)
    {
        var grams = new HashSet<int>();
        var letters = folded.Where(c => char.IsLetterOrDigit(c)).ToArray();
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            grams.Add((letters[i] << 16) | letters[i + 1]);
        }

        return grams;
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }
}

/// <summary>The JSON shape of a library file.</summary>
internal sealed record AnswerLibraryFile(int Version, double? MinScore, List<AnswerEntry>? Entries);
