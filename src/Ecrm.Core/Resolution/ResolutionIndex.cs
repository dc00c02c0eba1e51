using System.Globalization;
using Ecrm.Telemetry;

namespace Ecrm.Resolution;

/// <summary>
/// A resolved set of records that keeps its blocking indexes, model and clusters, so that a new record is compared
/// with its blocking neighbours only (a few dozen records, whatever the size of the set). Not thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The prior of a pair is that of two random records of the current set, so it follows the set as it grows, and
/// value frequencies are counted as records arrive. The model is refitted when the set has grown by
/// <see cref="ResolverOptions.RefitAfterGrowth"/> since the last fit (or on <see cref="Refit"/>), from the patterns
/// of every comparison made so far, and the pairs that were close to a decision are decided again: an index built
/// over records without duplicates (which keeps the documented defaults, having no matches to learn from) ends with
/// the clusters a batch over all records gives.
/// </para>
/// <para>
/// Clusters do not chain: a match joins two clusters only when no record of one strongly disagrees with a record of
/// the other, and only when its own personal evidence (names, birth date, id) is in favour
/// (see <see cref="MatchDecision.KeptApartBecause"/>).
/// </para>
/// </remarks>
public sealed class ResolutionIndex
{
    /// <summary>Pairs within this many bits of even odds are decided again after a refit.</summary>
    private const double PendingBits = 12;

    private readonly ResolverOptions _options;
    private readonly PreparedRecords _records;
    private readonly List<BlockingKey> _keys;
    private readonly TermFrequencies _frequencies;
    private readonly CoherentClusters _clusters = new();
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _patterns;
    private readonly List<bool> _linked;
    private readonly HashSet<long> _reported = [];
    private List<long> _pending = [];
    private MatchDecider _decider = null!;
    private CandidateIndex? _candidates;
    private int _fittedAt;

    private ResolutionIndex(ResolverOptions options, PreparedRecords records, List<BlockingKey> keys, TermFrequencies frequencies, Dictionary<long, long> patterns, List<bool> linked)
    {
        _options = options;
        _records = records;
        _keys = keys;
        _frequencies = frequencies;
        _patterns = patterns;
        _linked = linked;
    }

    /// <summary>Gets the result of the initial batch resolution.</summary>
    public ResolutionResult Result { get; private set; } = null!;

    /// <summary>Gets the number of records.</summary>
    public int Count => _records.Count;

    /// <summary>Gets the model in use: the initial fit, or the latest refit.</summary>
    public IReadOnlyList<ComparisonModel> Model { get; private set; } = [];

    /// <summary>Gets the warnings of the model in use.</summary>
    public IReadOnlyList<ResolutionWarning> Warnings { get; private set; } = [];

    /// <summary>Gets how many times the model was refitted since the index was built.</summary>
    public int Refits { get; private set; }

    /// <summary>Resolves records in batch and keeps the indexes for incremental additions.</summary>
    /// <param name="records">The records.</param>
    /// <param name="options">The options (copied: later changes to them do not reach the index).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The index, with <see cref="Result"/>.</returns>
    /// <exception cref="EcrmException">Bad options, a record with no id or the wrong number of values, or duplicate record ids.</exception>
    public static ResolutionIndex Build(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, CancellationToken cancellationToken = default)
        => Build(records, options, [], cancellationToken);

    /// <summary>
    /// Resolves records in batch, keeping apart the pairs a person decided are different people (see
    /// <see cref="KeepApart"/>), and keeps the indexes for incremental additions.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="options">The options (copied: later changes to them do not reach the index).</param>
    /// <param name="keptApart">Pairs of record ids that must never share a cluster; pairs naming an absent id are ignored.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The index, with <see cref="Result"/>.</returns>
    /// <exception cref="EcrmException">Bad options, a record with no id or the wrong number of values, or duplicate record ids.</exception>
    public static ResolutionIndex Build(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, IEnumerable<(string LeftId, string RightId)> keptApart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keptApart);
        options.Validate();
        options = options.Copy();
        using var activity = EcrmTelemetry.ActivitySource.StartActivity("ecrm.resolve");
        activity?.SetTag("ecrm.records", records.Count);
        var prepared = new PreparedRecords(records, options.Fields);
        var frequencies = new TermFrequencies(prepared.Comparisons.Length, options.TermFrequencyAdjustments);
        for (var i = 0; i < prepared.Count; i++)
        {
            frequencies.Add(prepared, i);
        }

        var keys = Blocking.Keys(prepared);
        var (pairs, passes) = Blocking.Candidates(prepared, keys, options);
        activity?.SetTag("ecrm.candidate_pairs", pairs.Length);
        var (codes, patterns) = PairComparer.CompareAll(prepared, pairs, cancellationToken);
        var linked = new List<bool>(new bool[prepared.Count]);
        foreach (var p in pairs)
        {
            var (a, b) = Blocking.Unpair(p);
            linked[a] = linked[b] = true;
        }

        var index = new ResolutionIndex(options, prepared, keys, frequencies, patterns, linked);
        for (var i = 0; i < prepared.Count; i++)
        {
            if (!index._indexOf.TryAdd(prepared.Ids[i], i))
            {
                throw new EcrmException($"Record ids: expected unique ids, received '{prepared.Ids[i]}' twice.");
            }

            index._clusters.Add();
        }

        foreach (var (left, right) in keptApart)
        {
            if (left is not null && right is not null && index._indexOf.TryGetValue(left, out var a) && index._indexOf.TryGetValue(right, out var b) && a != b)
            {
                index._clusters.KeepApart(a, b);
            }
        }

        var expected = index.Fit(cancellationToken);
        var decisions = index.DecideAll(index.ScoreAll(pairs, codes, cancellationToken), refit: false);
        index.Result = new ResolutionResult
        {
            ClusterOf = index.Clusters(),
            Decisions = decisions,
            CandidatePairs = pairs.Length,
            BlockingPasses = passes,
            MatchRate = index._decider.Scorer.Model.MatchRate(prepared.Count),
            ExpectedMatches = expected,
            Model = index.Model,
            Warnings = [.. index.Warnings, .. KeptApartWarning(decisions)],
        };
        return index;
    }

    /// <summary>
    /// Adds a record: it is compared with its blocking neighbours only, scored with the model, and joins the clusters
    /// it matches (strongest match first) unless that would join records that strongly disagree. When the set has
    /// then grown by <see cref="ResolverOptions.RefitAfterGrowth"/> since the last fit, the model is refitted.
    /// </summary>
    /// <param name="record">The new record.</param>
    /// <returns>
    /// The decisions at or above the review threshold, with evidence, strongest first: the new record's, then, after
    /// a refit, those of earlier pairs that changed (<see cref="Refit"/>).
    /// </returns>
    /// <exception cref="EcrmException">A record without an id or values, an id already present, or the wrong number of values.</exception>
    public IReadOnlyList<MatchDecision> Add(ResolutionRecord record)
    {
        PreparedRecords.Check(record, _records.Count);
        if (_indexOf.ContainsKey(record.Id))
        {
            throw new EcrmException($"Record ids: expected a new id, received '{record.Id}', already in the index.");
        }

        // Built on the first addition: a batch-only resolution never needs the lookup structures.
        _candidates ??= new CandidateIndex(_keys, _options, _records.Count);
        var i = _records.Add(record);
        _indexOf[record.Id] = i;
        _clusters.Add();
        _frequencies.Add(_records, i);
        var candidates = _candidates.CandidatesOf(i);
        _linked.Add(candidates.Count > 0);
        Span<int> levels = stackalloc int[_records.Comparisons.Length];
        var scored = new List<(long Pair, double Weight)>(candidates.Count);
        foreach (var c in candidates)
        {
            _linked[c] = true;
            var crosswise = _records.Compare(c, i, levels);
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_patterns, PatternCode.Encode(levels), out var _)++;
            scored.Add((Blocking.Pair(c, i), _decider.Scorer.Weight(c, i, levels, crosswise)));
        }

        var decisions = DecideAll(scored, refit: false);
        if (_options.RefitAfterGrowth > 0 && _records.Count - _fittedAt >= Math.Max(100, _options.RefitAfterGrowth * _fittedAt))
        {
            decisions.AddRange(Refit());
        }

        return decisions;
    }

    /// <summary>
    /// Refits the model to every comparison made so far (u from random pairs of the current set, m and the number of
    /// matches by the same constrained estimation as at build time), then decides again the pairs that were within
    /// reach of a decision and are not yet in one cluster. Merges are never undone by a refit.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>
    /// The earlier pairs whose decision changed, strongest first: newly merged, or newly at or above the review
    /// threshold (a review reported before is not reported again).
    /// </returns>
    public IReadOnlyList<MatchDecision> Refit(CancellationToken cancellationToken = default)
    {
        Fit(cancellationToken);
        Refits++;
        var pending = _pending;
        _pending = [];
        Span<int> levels = stackalloc int[_records.Comparisons.Length];
        var scored = new List<(long Pair, double Weight)>(pending.Count);
        foreach (var pair in pending)
        {
            var (a, b) = Blocking.Unpair(pair);
            if (_clusters.Find(a) == _clusters.Find(b) || _clusters.AreKeptApart(a, b))
            {
                continue;
            }

            var crosswise = _records.Compare(a, b, levels);
            scored.Add((pair, _decider.Scorer.Weight(a, b, levels, crosswise)));
        }

        return DecideAll(scored, refit: true);
    }

    /// <summary>
    /// Records a person's decision that two records are different people: they never share a cluster, directly or
    /// through a third record, and the pair is not decided again.
    /// </summary>
    /// <param name="leftId">One record.</param>
    /// <param name="rightId">The other.</param>
    /// <returns>False when the two already share a cluster (a merge the index does not undo).</returns>
    /// <exception cref="EcrmException">A record that is not in the index.</exception>
    public bool KeepApart(string leftId, string rightId)
    {
        var (a, b) = (IndexOf(leftId), IndexOf(rightId));
        return a != b && _clusters.KeepApart(a, b);
    }

    /// <summary>
    /// Records a person's decision that two records are one person: their clusters join, whatever the evidence,
    /// unless a person decided that two records across them are different people. Later joins are checked against
    /// every member, as always.
    /// </summary>
    /// <param name="leftId">One record.</param>
    /// <param name="rightId">The other.</param>
    /// <returns>Whether the two now share a cluster.</returns>
    /// <exception cref="EcrmException">A record that is not in the index.</exception>
    public bool Link(string leftId, string rightId)
    {
        var (a, b) = (IndexOf(leftId), IndexOf(rightId));
        return _clusters.ForceJoin(a, b) is null;
    }

    /// <summary>The cluster of a record: the id of its cluster's first record.</summary>
    /// <param name="recordId">The record.</param>
    /// <returns>The cluster id.</returns>
    /// <exception cref="EcrmException">The record is not in the index.</exception>
    public string ClusterOf(string recordId) => _records.Ids[_clusters.Find(IndexOf(recordId))];

    private int IndexOf(string recordId)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        return _indexOf.TryGetValue(recordId, out var i) ? i : throw new EcrmException($"Record ids: expected a record of the index, received '{recordId}'.");
    }

    /// <summary>
    /// Weighs every candidate pair with the model, on every core, keeping only the pairs within reach of a decision
    /// (a few per record, not the tens of millions of candidates).
    /// </summary>
    private List<(long Pair, double Weight)> ScoreAll(long[] pairs, long[] codes, CancellationToken cancellationToken)
    {
        const int chunk = 16_384;
        var scorer = _decider.Scorer;
        var floor = -PendingBits - scorer.Model.PriorWeight(_records.Count);
        var comparisons = _records.Comparisons.Length;
        var parts = new List<(long, double)>?[(pairs.Length + chunk - 1) / chunk];
        Parallel.For(0, parts.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
        {
            Span<int> levels = stackalloc int[comparisons];
            var part = new List<(long, double)>();
            var end = Math.Min(pairs.Length, (k + 1) * chunk);
            for (var p = k * chunk; p < end; p++)
            {
                var (a, b) = Blocking.Unpair(pairs[p]);
                PatternCode.Decode(codes[p] & ~PairComparer.Crosswise, levels);
                var weight = scorer.Weight(a, b, levels, (codes[p] & PairComparer.Crosswise) != 0);
                if (weight >= floor)
                {
                    part.Add((pairs[p], weight));
                }
            }

            parts[k] = part;
        });

        var scored = new List<(long Pair, double Weight)>(parts.Sum(p => p!.Count));
        foreach (var part in parts)
        {
            scored.AddRange(part!);
        }

        return scored;
    }

    /// <summary>Why two records of the index strongly disagree under the model in use, or null (for tests and tools).</summary>
    internal string? StrongDisagreementBetween(string left, string right)
        => _decider.StrongDisagreement(_indexOf[left], _indexOf[right]);

    private static IEnumerable<ResolutionWarning> KeptApartWarning(List<MatchDecision> decisions)
    {
        var keptApart = decisions.Count(d => d.KeptApartBecause is not null);
        if (keptApart > 0)
        {
            yield return new(ResolutionWarningCode.ClustersKeptApart, string.Create(CultureInfo.InvariantCulture, $"{keptApart:N0} pair(s) above the match probability were sent to review instead, because their personal evidence (name, birth date, id) did not support an automatic merge or merging them would have joined records that strongly disagree (see each decision's KeptApartBecause)."));
        }
    }

    /// <summary>Fits the model to the patterns so far and puts it in use; returns the expected matches.</summary>
    private double Fit(CancellationToken cancellationToken)
    {
        var (model, warnings, expected) = ModelEstimator.Fit(_records, _frequencies, _patterns, _linked.Count(x => x), _options, cancellationToken);
        _decider = new MatchDecider(_records, _options, _clusters, new MatchScorer(_records, model, _frequencies));
        _fittedAt = _records.Count;
        Warnings = warnings;
        Model = [.. _records.Comparisons.Select((c, i) => new ComparisonModel(c.Name, [.. c.Fields.Select(f => _records.Fields[f].Name)], c.LevelNames, model.M[i], model.U[i], model.Fitted[i]))];
        return expected;
    }

    /// <summary>
    /// Decides scored pairs strongest first: those at or above the review probability become decisions (matches join
    /// clusters); those not joined but within <see cref="PendingBits"/> of even odds wait for the next refit. After a
    /// refit, a review already reported is not reported again (it is still pending).
    /// </summary>
    private List<MatchDecision> DecideAll(List<(long Pair, double Weight)> scored, bool refit)
    {
        var prior = _decider.Scorer.Model.PriorWeight(_records.Count);
        scored.RemoveAll(s => prior + s.Weight < -PendingBits);
        scored.Sort((x, y) => y.Weight.CompareTo(x.Weight) is var w && w != 0 ? w : x.Pair.CompareTo(y.Pair));
        var decisions = new List<MatchDecision>();
        Span<int> levels = stackalloc int[_records.Comparisons.Length];
        foreach (var (pair, weight) in scored)
        {
            var (a, b) = Blocking.Unpair(pair);
            if (MatchModel.Probability(prior + weight) >= _options.ReviewProbability)
            {
                var crosswise = _records.Compare(a, b, levels);
                var decision = _decider.Decide(a, b, weight, prior, levels, crosswise);
                if (decision.Outcome == MatchOutcome.Match || _reported.Add(pair) || !refit)
                {
                    decisions.Add(decision);
                }
            }

            if (_clusters.Find(a) != _clusters.Find(b))
            {
                _pending.Add(pair);
            }
        }

        return decisions;
    }

    private Dictionary<string, string> Clusters()
    {
        var clusterOf = new Dictionary<string, string>(_records.Count, StringComparer.Ordinal);
        for (var i = 0; i < _records.Count; i++)
        {
            clusterOf[_records.Ids[i]] = _records.Ids[_clusters.Find(i)];
        }

        return clusterOf;
    }
}
