using Ecrm.Telemetry;

namespace Ecrm.Resolution;

/// <summary>
/// A resolved set of records that keeps its blocking indexes, model and clusters, so that a new record is compared
/// with its blocking neighbours only (a few dozen records, whatever the size of the set). Not thread-safe.
/// </summary>
/// <remarks>
/// The model is fitted when the index is built and then kept: rebuild from time to time (for example nightly) to refit
/// it to the grown data. Records are only added; a record's clusters merge when it matches records of two clusters.
/// </remarks>
public sealed class ResolutionIndex
{
    private const int ChunkSize = 16_384;
    private readonly ResolverOptions _options;
    private readonly PreparedRecords _records;
    private readonly List<BlockingKey> _keys;
    private readonly FellegiSunter _model;
    private readonly List<int> _parent = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly SortedKeyIndex[] _sorted;
    private readonly Dictionary<string, List<int>>?[] _blocks;
    private readonly Dictionary<long, (double Weight, double Probability)> _scores = [];
    private bool _indexed;

    private ResolutionIndex(ResolverOptions options, PreparedRecords records, List<BlockingKey> keys, FellegiSunter model)
    {
        _options = options;
        _records = records;
        _keys = keys;
        _model = model;
        _sorted = [.. keys.Select(_ => new SortedKeyIndex())];
        _blocks = [.. keys.Select(k => k.Sorted ? null : new Dictionary<string, List<int>>(StringComparer.Ordinal))];
    }

    /// <summary>Gets the result of the initial batch resolution.</summary>
    public ResolutionResult Result { get; private set; } = null!;

    /// <summary>Gets the number of records.</summary>
    public int Count => _records.Count;

    /// <summary>Resolves records in batch and keeps the indexes for incremental additions.</summary>
    /// <param name="records">The records.</param>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The index, with <see cref="Result"/>.</returns>
    /// <exception cref="EcrmException">Bad options, a record with the wrong number of values, or duplicate record ids.</exception>
    public static ResolutionIndex Build(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.resolve");
        activity?.SetTag("ecrm.records", records.Count);
        var prepared = new PreparedRecords(records, options.Fields);
        var keys = Blocking.Keys(prepared);
        var (pairs, passes) = Blocking.Candidates(prepared, keys, options);
        activity?.SetTag("ecrm.candidate_pairs", pairs.Length);

        var (codes, patterns) = ComparePairs(prepared, pairs, cancellationToken);
        var model = FellegiSunter.Fit(prepared, patterns, options, cancellationToken);
        var index = new ResolutionIndex(options, prepared, keys, model);
        for (var i = 0; i < prepared.Count; i++)
        {
            if (!index._ids.Add(prepared.Ids[i]))
            {
                throw new EcrmException($"Record ids: expected unique ids, received '{prepared.Ids[i]}' twice.");
            }

            index._parent.Add(i);
        }


        var decisions = new List<MatchDecision>();
        for (var p = 0; p < pairs.Length; p++)
        {
            var (a, b) = Blocking.Unpair(pairs[p]);
            if (index.Decide(a, b, codes[p]) is { } decision)
            {
                decisions.Add(decision);
            }
        }

        index.Result = new ResolutionResult
        {
            ClusterOf = index.Clusters(),
            Decisions = decisions,
            CandidatePairs = pairs.Length,
            BlockingPasses = passes,
            MatchRate = index._model.Lambda,
            Model = [.. options.Fields.Select((f, i) => new FieldModel(f.Name, f.Kind, FieldComparer.LevelNames(f.Kind), index._model.M[i], index._model.U[i]))],
        };
        return index;
    }

    /// <summary>Compares every pair once, on every core (records are read-only here): each pair's pattern and the pattern counts EM works on.</summary>
    private static (long[] Codes, Dictionary<long, long> Patterns) ComparePairs(PreparedRecords prepared, long[] pairs, CancellationToken cancellationToken)
    {
        var fields = prepared.Kinds.Length;
        var codes = new long[pairs.Length];
        var patterns = new Dictionary<long, long>();
        Parallel.For(
            0,
            (pairs.Length + ChunkSize - 1) / ChunkSize,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new Dictionary<long, long>(),
            (chunk, _, local) =>
            {
                Span<int> levels = stackalloc int[fields];
                var end = Math.Min(pairs.Length, (chunk + 1) * ChunkSize);
                for (var p = chunk * ChunkSize; p < end; p++)
                {
                    var (a, b) = Blocking.Unpair(pairs[p]);
                    prepared.Compare(a, b, levels);
                    var code = FellegiSunter.Encode(levels);
                    codes[p] = code;
                    local[code] = local.GetValueOrDefault(code) + 1;
                }

                return local;
            },
            local =>
            {
                lock (patterns)
                {
                    foreach (var (code, count) in local)
                    {
                        patterns[code] = patterns.GetValueOrDefault(code) + count;
                    }
                }
            });

        return (codes, patterns);
    }

    /// <summary>
    /// Adds a record: it is compared with its blocking neighbours only, scored with the fitted model, and joins the
    /// clusters it matches.
    /// </summary>
    /// <param name="record">The new record.</param>
    /// <returns>The decisions at or above the review threshold, with evidence.</returns>
    /// <exception cref="EcrmException">A record id already present, or the wrong number of values.</exception>
    public IReadOnlyList<MatchDecision> Add(ResolutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_ids.Contains(record.Id))
        {
            throw new EcrmException($"Record ids: expected a new id, received '{record.Id}', already in the index.");
        }

        if (!_indexed)
        {
            IndexAll(); // built on the first addition: a batch-only resolution never needs the lookup structures
            _indexed = true;
        }

        var i = _records.Add(record);
        _ids.Add(record.Id);
        _parent.Add(i);
        var candidates = new HashSet<int>();
        for (var k = 0; k < _keys.Count; k++)
        {
            if (_keys[k].Key(i) is not { } key)
            {
                continue;
            }

            if (_keys[k].Sorted)
            {
                _sorted[k].Neighbours(key, _options.Window, candidates);
            }
            else if (_blocks[k]!.TryGetValue(key, out var block))
            {
                foreach (var x in block.Count <= _options.MaxBlockSize ? block : block.Skip(block.Count - _options.Window))
                {
                    candidates.Add(x);
                }
            }
        }

        IndexKeys(i);
        var decisions = new List<MatchDecision>();
        Span<int> levels = stackalloc int[_records.Kinds.Length];
        foreach (var c in candidates.Order())
        {
            _records.Compare(c, i, levels);
            if (Decide(c, i, FellegiSunter.Encode(levels)) is { } decision)
            {
                decisions.Add(decision);
            }
        }

        return decisions;
    }

    /// <summary>The cluster of a record: the id of its cluster's first record.</summary>
    /// <param name="recordId">The record.</param>
    /// <returns>The cluster id.</returns>
    public string ClusterOf(string recordId)
    {
        var i = _records.Ids.IndexOf(recordId);
        if (i < 0)
        {
            throw new EcrmException($"Record ids: expected a record of the index, received '{recordId}'.");
        }

        return _records.Ids[Find(i)];
    }

    private MatchDecision? Decide(int a, int b, long code)
    {
        if (!_scores.TryGetValue(code, out var score))
        {
            Span<int> l = stackalloc int[_records.Kinds.Length];
            FellegiSunter.Decode(code, l);
            _scores[code] = score = _model.Score(l);
        }

        if (score.Probability < _options.ReviewProbability)
        {
            return null;
        }

        var outcome = score.Probability >= _options.MatchProbability ? MatchOutcome.Match : MatchOutcome.Review;
        if (outcome == MatchOutcome.Match)
        {
            Union(a, b);
        }

        return new MatchDecision(_records.Ids[a], _records.Ids[b], score.Probability, score.Weight, outcome, Evidence(code, a, b));
    }

    private void IndexAll()
    {
        for (var k = 0; k < _keys.Count; k++)
        {
            if (_keys[k].Sorted)
            {
                var entries = new List<(string, int)>(_records.Count);
                for (var i = 0; i < _records.Count; i++)
                {
                    if (_keys[k].Key(i) is { } key)
                    {
                        entries.Add((key, i));
                    }
                }

                _sorted[k].Load(entries);
                continue;
            }

            for (var i = 0; i < _records.Count; i++)
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
    }

    private void IndexKeys(int i)
    {
        for (var k = 0; k < _keys.Count; k++)
        {
            if (_keys[k].Key(i) is not { } key)
            {
                continue;
            }

            if (_keys[k].Sorted)
            {
                _sorted[k].Add(key, i);
            }
            else
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

    private FieldEvidence[] Evidence(long code, int a, int b)
    {
        var fields = _records.Kinds.Length;
        Span<int> levels = stackalloc int[fields];
        FellegiSunter.Decode(code, levels);
        var evidence = new FieldEvidence[fields];
        for (var f = 0; f < fields; f++)
        {
            var level = levels[f];
            evidence[f] = new FieldEvidence(
                _records.Fields[f].Name,
                level < 0 ? "missing" : FieldComparer.LevelNames(_records.Kinds[f])[level],
                level < 0 ? 0 : Math.Log2(_model.M[f][level] / _model.U[f][level]),
                _records.Values[f][a],
                _records.Values[f][b]);
        }

        return evidence;
    }

    private Dictionary<string, string> Clusters()
    {
        var clusterOf = new Dictionary<string, string>(_records.Count, StringComparer.Ordinal);
        for (var i = 0; i < _records.Count; i++)
        {
            clusterOf[_records.Ids[i]] = _records.Ids[Find(i)];
        }

        return clusterOf;
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb)
        {
            // The smaller index is the root, so the cluster id is its first record in input order.
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
