namespace Ecrm.Resolution;

/// <summary>
/// Scores a compared pair with the model: the level weights of its pattern (a table look-up per comparison) plus the
/// term-frequency adjustments of its top-level agreements, and the evidence a person reads.
/// </summary>
internal sealed class MatchScorer
{
    private readonly PreparedRecords _records;
    private readonly MatchModel _model;
    private readonly TermFrequencies _frequencies;

    public MatchScorer(PreparedRecords records, MatchModel model, TermFrequencies frequencies)
    {
        _records = records;
        _model = model;
        _frequencies = frequencies;
    }

    public MatchModel Model => _model;

    /// <summary>The pair's evidence in bits: the pattern's level weights and the term-frequency adjustments (thread-safe).</summary>
    public double Weight(int a, int b, ReadOnlySpan<int> levels)
    {
        var weight = _model.Weight(levels);
        var comparisons = _records.Comparisons;
        for (var c = 0; c < levels.Length; c++)
        {
            if (levels[c] == comparisons[c].Levels - 1)
            {
                weight += _frequencies.Adjustment(c, a, b, _model.U[c][^1]);
            }
        }

        return weight;
    }

    /// <summary>Each comparison's level, weight (with its term-frequency part) and both values, in the comparisons' order.</summary>
    public FieldEvidence[] Evidence(int a, int b, ReadOnlySpan<int> levels, bool crosswise)
    {
        var comparisons = _records.Comparisons;
        var evidence = new FieldEvidence[comparisons.Length];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var level = levels[c];
            var adjustment = level == comparisons[c].Levels - 1 ? _frequencies.Adjustment(c, a, b, _model.U[c][^1]) : 0;
            evidence[c] = new FieldEvidence(
                comparisons[c].Name,
                level < 0 ? "missing" : comparisons[c].LevelNames[level],
                level < 0 ? 0 : _model.Weight(c, level) + adjustment,
                comparisons[c].Describe(_records, a),
                _records.Counterpart(c, b, crosswise))
            {
                TermFrequencyWeight = adjustment,
                ReadCrosswise = crosswise && _records.IsCrosswiseName(c),
            };
        }

        return evidence;
    }
}
