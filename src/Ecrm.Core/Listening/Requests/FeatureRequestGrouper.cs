namespace Ecrm.Listening;

/// <summary>
/// Groups request clauses greedily: a request joins the group whose representative it is most similar to (Jaccard over
/// Chinese character pairs and Latin words, cue phrases left out), if at least the configured similarity; otherwise it
/// starts a group.
/// </summary>
internal sealed class FeatureRequestGrouper(double similarity, IReadOnlyList<string> cues)
{
    private const int MaxGroups = 10_000;
    private readonly List<Group> _groups = [];
    private readonly HashSet<string> _seenEvents = new(StringComparer.Ordinal);
    private readonly string[] _cues = [.. cues.Select(KeywordMatcher.Fold).Where(c => c.Length > 0).OrderByDescending(c => c.Length)];

    public void Add(string eventId, string customerId, string request, IEnumerable<string> aspects, DateTimeOffset at)
    {
        if (!_seenEvents.Add(eventId))
        {
            return;
        }

        var shingles = Shingles(request);
        Group? best = null;
        var bestScore = 0.0;
        foreach (var g in _groups)
        {
            var score = Jaccard(shingles, g.Shingles);
            if (score > bestScore)
            {
                (best, bestScore) = (g, score);
            }
        }

        if (best is null || bestScore < similarity)
        {
            if (_groups.Count >= MaxGroups)
            {
                return;
            }

            best = new Group(eventId, request, shingles);
            _groups.Add(best);
        }

        best.Count++;
        best.Customers.Add(customerId);
        best.Examples.Enqueue(request);
        if (best.Examples.Count > 5)
        {
            best.Examples.Dequeue();
        }

        foreach (var aspect in aspects)
        {
            best.Aspects[aspect] = best.Aspects.GetValueOrDefault(aspect) + 1;
        }

        best.FirstSeen = best.Count == 1 || at < best.FirstSeen ? at : best.FirstSeen;
        best.LastSeen = best.Count == 1 || at > best.LastSeen ? at : best.LastSeen;
    }

    public IReadOnlyList<FeatureRequestGroup> Groups() =>
        [.. _groups.OrderByDescending(g => g.Count).ThenByDescending(g => g.Customers.Count).ThenBy(g => g.FirstSeen)
            .Select(g => new FeatureRequestGroup(
                g.Key, g.Representative, g.Count, g.Customers.Count, [.. g.Examples],
                [.. g.Aspects.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key)],
                g.FirstSeen, g.LastSeen))];

    private HashSet<string> Shingles(string request)
    {
        var text = request;
        foreach (var cue in _cues)
        {
            text = text.Replace(cue, " ", StringComparison.Ordinal);
        }

        var shingles = new HashSet<string>(StringComparer.Ordinal);
        var word = new System.Text.StringBuilder();
        char previous = '\0';
        foreach (var ch in text + " ")
        {
            if (SentimentFeatures.IsIdeograph(ch))
            {
                if (previous != '\0')
                {
                    shingles.Add(string.Concat(previous.ToString(), ch.ToString()));
                }

                previous = ch;
            }
            else
            {
                previous = '\0';
            }

            if (char.IsLetterOrDigit(ch) && !SentimentFeatures.IsIdeograph(ch))
            {
                word.Append(ch);
            }
            else if (word.Length > 0)
            {
                if (word.Length > 2)
                {
                    shingles.Add(word.ToString()); // short English words (a, an, it) say little about what is asked
                }

                word.Clear();
            }
        }

        return shingles;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }

    private sealed class Group(string key, string representative, HashSet<string> shingles)
    {
        public string Key { get; } = key;

        public string Representative { get; } = representative;

        public HashSet<string> Shingles { get; } = shingles;

        public int Count { get; set; }

        public HashSet<string> Customers { get; } = new(StringComparer.Ordinal);

        public Queue<string> Examples { get; } = new();

        public Dictionary<string, int> Aspects { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset FirstSeen { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }
}
