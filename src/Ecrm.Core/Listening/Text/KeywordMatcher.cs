using System.Text;

namespace Ecrm.Listening;

/// <summary>
/// Finds many keywords in a text in one pass (Aho-Corasick over UTF-16 code units). Keywords and text are NFKC-folded and
/// lowercased; a keyword that starts or ends with a Latin letter or digit only matches at word boundaries there (so
/// "apple" is not found in "pineapple"), while Chinese keywords match anywhere.
/// </summary>
internal sealed class KeywordMatcher
{
    private readonly List<Dictionary<char, int>> _next = [[]];
    private readonly List<int> _fail = [0];
    private readonly List<List<int>> _outputs = [[]];
    private readonly List<string> _keywords = [];

    public KeywordMatcher(IEnumerable<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            var folded = Fold(keyword);
            if (folded.Length == 0)
            {
                continue;
            }

            var state = 0;
            foreach (var ch in folded)
            {
                if (!_next[state].TryGetValue(ch, out var next))
                {
                    next = _next.Count;
                    _next.Add([]);
                    _fail.Add(0);
                    _outputs.Add([]);
                    _next[state][ch] = next;
                }

                state = next;
            }

            _outputs[state].Add(_keywords.Count);
            _keywords.Add(folded);
        }

        var queue = new Queue<int>(_next[0].Values);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (ch, child) in _next[state])
            {
                var fallback = _fail[state];
                while (fallback != 0 && !_next[fallback].ContainsKey(ch))
                {
                    fallback = _fail[fallback];
                }

                _fail[child] = _next[fallback].TryGetValue(ch, out var target) && target != child ? target : 0;
                _outputs[child].AddRange(_outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>Gets how many keywords were added (their indexes are the order they were given in, blanks skipped).</summary>
    public int Count => _keywords.Count;

    /// <summary>NFKC-folds and lowercases a text the way keywords are.</summary>
    public static string Fold(string text) =>
        (text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant().Trim();

    /// <summary>Finds every keyword occurrence in an already folded text.</summary>
    /// <returns>Each match's keyword index, start and length, in order of their ends.</returns>
    public List<(int Keyword, int Start, int Length)> Matches(string folded)
    {
        var found = new List<(int, int, int)>();
        var state = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            var ch = folded[i];
            while (state != 0 && !_next[state].ContainsKey(ch))
            {
                state = _fail[state];
            }

            state = _next[state].TryGetValue(ch, out var next) ? next : 0;
            foreach (var k in _outputs[state])
            {
                var length = _keywords[k].Length;
                var start = i - length + 1;
                if (AtBoundary(folded, start, i + 1))
                {
                    found.Add((k, start, length));
                }
            }
        }

        return found;
    }

    private static bool AtBoundary(string text, int start, int end)
    {
        var first = text[start];
        var last = text[end - 1];
        var leftOk = !IsLatinWordChar(first) || start == 0 || !IsLatinWordChar(text[start - 1]);
        var rightOk = !IsLatinWordChar(last) || end == text.Length || !IsLatinWordChar(text[end]);
        return leftOk && rightOk;
    }

    private static bool IsLatinWordChar(char ch) => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or >= '\u00E0' and <= '\u024F';
}
