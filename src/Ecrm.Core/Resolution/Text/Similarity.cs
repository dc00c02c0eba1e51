namespace Ecrm.Resolution;

/// <summary>String similarities used by the field comparisons.</summary>
internal static class Similarity
{
    /// <summary>Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        var range = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - range);
            var to = Math.Min(b.Length - 1, i + range);
            var ch = a[i];
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && ch == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        return Winkler(a, b, matches, transpositions);
    }

    /// <summary>
    /// Jaro-Winkler when it can reach <paramref name="floor"/>, else 0: an upper bound from the characters the two
    /// strings share (matches cannot exceed them) rejects most unrelated pairs in one pass, without the O(n·range) scan.
    /// </summary>
    public static double JaroWinklerAtLeast(string a, string b, double floor)
    {
        if (a.Length == 0 || b.Length == 0 || string.Equals(a, b, StringComparison.Ordinal))
        {
            return JaroWinkler(a, b);
        }

        var common = SharedCharacters(a, b);
        if (common < 0)
        {
            return JaroWinkler(a, b); // the bound is kept to ASCII
        }

        double m = common;
        var jaro = common == 0 ? 0 : ((m / a.Length) + (m / b.Length) + 1) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro)) < floor ? 0 : JaroWinkler(a, b);
    }

    private static double Winkler(string a, string b, int matches, int transpositions)
    {
        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>
    /// Whether two strings are at most one edit apart (a substitution, an insertion or deletion, or two adjacent
    /// characters swapped): the edit distance below with max 1, in one pass and no table.
    /// </summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        if (a.Length - b.Length > 1)
        {
            return false;
        }

        var i = 0;
        while (i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == b.Length)
        {
            return true; // equal, or one extra character at the end
        }

        if (a.Length != b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)); // one character inserted
        }

        if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)))
        {
            return true; // one substitution
        }

        return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)); // a swap
    }

    /// <summary>
    /// Whether two strings are exactly two edits apart (see <see cref="EditDistance"/>), for values of a few
    /// characters: a character-count bound (each edit changes the counts by at most two) rejects most pairs first.
    /// </summary>
    public static bool TwoEditsApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return false;
        }

        // Character counts differ by |a| + |b| - 2 * shared, and an edit changes them by at most two.
        var shared = SharedCharacters(a, b);
        var difference = shared < 0 ? 0 : a.Length + b.Length - (2 * shared);
        return difference <= 4 && EditDistance(a, b, 2) == 2;
    }

    /// <summary>
    /// How many characters two strings share, counted with repeats (the size of the intersection of their character
    /// multisets), or -1 when either has a character beyond ASCII (the callers' bounds are kept to ASCII).
    /// </summary>
    private static int SharedCharacters(string a, string b)
    {
        Span<short> counts = stackalloc short[128];
        counts.Clear();
        foreach (var ch in a)
        {
            if (ch >= 128)
            {
                return -1;
            }

            counts[ch]++;
        }

        var shared = 0;
        foreach (var ch in b)
        {
            if (ch >= 128)
            {
                return -1;
            }

            if (counts[ch] > 0)
            {
                counts[ch]--;
                shared++;
            }
        }

        return shared;
    }

    /// <summary>Edit distance with adjacent transpositions (optimal string alignment); stops early above <paramref name="max"/>.</summary>
    public static int EditDistance(string a, string b, int max = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var n = b.Length;
        var rows = 3 * (n + 1);
        Span<int> buffer = rows <= 512 ? stackalloc int[rows] : new int[rows];
        var previous2 = buffer[..(n + 1)];
        var previous = buffer.Slice(n + 1, n + 1);
        var current = buffer.Slice(2 * (n + 1), n + 1);
        for (var j = 0; j <= n; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= n; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, previous2[j - 2] + 1);
                }

                current[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[n];
    }

    /// <summary>
    /// Token-set similarity: |A ∩ B| / min(|A|, |B|) over word tokens, or over character bigrams when the text has
    /// ideographs (Chinese addresses are not separated by spaces). 1 when one token set contains the other.
    /// </summary>
    public static double TokenSet(string a, string b) => TokenSet(Tokens(a), Tokens(b));

    /// <summary>Token-set similarity of two sorted, distinct token arrays (see <see cref="Tokens"/>).</summary>
    public static double TokenSet(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = string.CompareOrdinal(a[i], b[j]);
            if (c == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / Math.Min(a.Length, b.Length);
    }

    /// <summary>The sorted distinct tokens of a folded text: words, or character bigrams when it has ideographs.</summary>
    public static string[] Tokens(string s)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (TextFolding.HasIdeographs(s))
        {
            var compact = s.Replace(" ", string.Empty, StringComparison.Ordinal);
            for (var i = 0; i + 1 < compact.Length; i++)
            {
                set.Add(compact.Substring(i, 2));
            }

            if (compact.Length == 1)
            {
                set.Add(compact);
            }
        }
        else
        {
            foreach (var t in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                set.Add(t);
            }
        }

        return [.. set];
    }

    /// <summary>A Soundex-style phonetic key for Latin names (the first letter kept); the folded text otherwise.</summary>
    public static string Phonetic(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterLower(s[0]))
        {
            return s;
        }

        Span<char> key = stackalloc char[4];
        key[0] = s[0];
        var n = 1;
        var last = Code(s[0]);
        for (var i = 1; i < s.Length && n < 4; i++)
        {
            var c = Code(s[i]);
            if (c != '0' && c != last)
            {
                key[n++] = c;
            }

            if (s[i] is not ('h' or 'w'))
            {
                last = c;
            }
        }

        while (n < 4)
        {
            key[n++] = '0';
        }

        return new string(key);

        static char Code(char c) => c switch
        {
            'b' or 'f' or 'p' or 'v' => '1',
            'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
            'd' or 't' => '3',
            'l' => '4',
            'm' or 'n' => '5',
            'r' => '6',
            _ => '0',
        };
    }
}
