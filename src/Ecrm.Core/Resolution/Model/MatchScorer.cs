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
    public double Weight(int a, int b, ReadOnlySpan<int> levels, bool crosswise)
    {
        var weight = _model.Weight(levels);
        for (var c = 0; c < levels.Length; c++)
        {
            weight += Adjustment(c, a, b, levels[c], crosswise);
        }

        return weight;
    }

    /// <summary>
    /// The term-frequency adjustment of one comparison: at the top level of any comparison with values, and at the
    /// levels between "different" and the top of a single field (a near agreement on a common name).
    /// </summary>
    private double Adjustment(int c, int a, int b, int level, bool crosswise)
    {
        var comparison = _records.Comparisons[c];
        if (level <= 0 || (level < comparison.Levels - 1 && !comparison.TopLevelIsEquality))
        {
            return 0;
        }

        return _frequencies.Adjustment(c, a, _records.CounterpartComparison(c, crosswise), b, _model.U[c][^1], exact: level == comparison.Levels - 1);
    }

    /// <summary>Each comparison's level, weight (with its term-frequency part) and both values, in the comparisons' order.</summary>
    public FieldEvidence[] Evidence(int a, int b, ReadOnlySpan<int> levels, bool crosswise)
    {
        var comparisons = _records.Comparisons;
        var evidence = new FieldEvidence[comparisons.Length];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var level = levels[c];
            var adjustment = Adjustment(c, a, b, level, crosswise);
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
