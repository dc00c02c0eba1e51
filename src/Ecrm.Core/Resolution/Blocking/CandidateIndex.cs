namespace Ecrm.Resolution;

/// <summary>
/// The blocking passes as lookup structures, for records that keep arriving: each sorted-neighbourhood key in a
/// <see cref="SortedKeyIndex"/>, each exact key in a dictionary of blocks. A new record's candidates are its
/// neighbours in every pass (a few dozen records, whatever the size of the set).
/// </summary>
internal sealed class CandidateIndex
{
    private readonly List<BlockingKey> _keys;
    private readonly ResolverOptions _options;
    private readonly SortedKeyIndex?[] _sorted;
    private readonly Dictionary<string, List<int>>?[] _blocks;

    public CandidateIndex(List<BlockingKey> keys, ResolverOptions options, int records)
    {
        _keys = keys;
        _options = options;
        _sorted = [.. keys.Select(k => k.Sorted ? new SortedKeyIndex() : null)];
        _blocks = [.. keys.Select(k => k.Sorted ? null : new Dictionary<string, List<int>>(StringComparer.Ordinal))];
        for (var k = 0; k < keys.Count; k++)
        {
            if (_sorted[k] is { } sorted)
            {
                var entries = new List<(string, int)>(records);
                for (var i = 0; i < records; i++)
                {
                    if (keys[k].Key(i) is { } key)
                    {
                        entries.Add((key, i));
                    }
                }

                sorted.Load(entries);
                continue;
            }

            for (var i = 0; i < records; i++)
            {
                Block(k, i);
            }
        }
    }

    /// <summary>The candidates of record <paramref name="i"/> (already prepared, not yet indexed), then indexes it.</summary>
    public HashSet<int> CandidatesOf(int i)
    {
        var candidates = new HashSet<int>();
        for (var k = 0; k < _keys.Count; k++)
        {
            if (_keys[k].Key(i) is not { } key)
            {
                continue;
            }

            if (_sorted[k] is { } sorted)
            {
                sorted.Neighbours(key, _options.Window, candidates);
            }
            else if (_blocks[k]!.TryGetValue(key, out var block))
            {
                foreach (var x in block.Count <= _options.MaxBlockSize ? block : block.Skip(block.Count - _options.Window))
                {
                    candidates.Add(x);
                }
            }
        }

        for (var k = 0; k < _keys.Count; k++)
        {
            if (_sorted[k] is { } sorted)
            {
                if (_keys[k].Key(i) is { } key)
                {
                    sorted.Add(key, i);
                }
            }
            else
            {
                Block(k, i);
            }
        }

        return candidates;
    }

    private void Block(int k, int i)
    {
        if (_keys[k].Key(i) is { } key)
        {
            var blocks = _blocks[k]!;
            if (!blocks.TryGetValue(key, out var list))
            {
                blocks[key] = list = [];
            }

            list.Add(i);
        }
    }
}
