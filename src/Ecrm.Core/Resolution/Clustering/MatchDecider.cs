namespace Ecrm.Resolution;

/// <summary>
/// Decides scored pairs with one fitted model: below the review probability nothing; between the thresholds a
/// review; at or above the match probability a merge of the two clusters, unless the pair's personal evidence does
/// not support an automatic merge, or the two records, or two records across the clusters, strongly disagree
/// (<see cref="PersonalEvidence"/>): then a review with the reason.
/// </summary>
internal sealed class MatchDecider
{
    private readonly PreparedRecords _records;
    private readonly ResolverOptions _options;
    private readonly CoherentClusters _clusters;
    private readonly MatchScorer _scorer;
    private readonly PersonalEvidence _personal;

    public MatchDecider(PreparedRecords records, ResolverOptions options, CoherentClusters clusters, MatchScorer scorer)
    {
        _records = records;
        _options = options;
        _clusters = clusters;
        _scorer = scorer;
        _personal = new PersonalEvidence(records.Comparisons, scorer.Model);
    }

    public MatchScorer Scorer => _scorer;

    /// <summary>Decides a pair at or above the review probability (the caller checked), joining clusters on a match.</summary>
    public MatchDecision Decide(int a, int b, double weight, double prior, ReadOnlySpan<int> levels, bool crosswise)
    {
        var probability = MatchModel.Probability(prior + weight);
        var outcome = probability >= _options.MatchProbability ? MatchOutcome.Match : MatchOutcome.Review;
        string? keptApart = null;
        if (outcome == MatchOutcome.Match)
        {
            if (_personal.StrongDisagreement(levels) is { } disagreement)
            {
                keptApart = "the two records strongly disagree: " + disagreement;
            }
            else if (_personal.InsufficientForMerge(levels) is { } insufficient)
            {
                keptApart = insufficient;
            }
            else if (_clusters.TryJoin(a, b, Compatible) is var (x, y))
            {
                Span<int> across = stackalloc int[levels.Length];
                _records.Compare(x, y, across);
                keptApart = _clusters.AreKeptApart(x, y)
                    ? $"a person decided that '{_records.Ids[x]}' and '{_records.Ids[y]}' are different people"
                    : $"joining would put '{_records.Ids[x]}' and '{_records.Ids[y]}' in one cluster, and they strongly disagree: {_personal.StrongDisagreement(across)}";
            }

            outcome = keptApart is null ? MatchOutcome.Match : MatchOutcome.Review;
        }

        return new MatchDecision(_records.Ids[a], _records.Ids[b], probability, weight, outcome, _scorer.Evidence(a, b, levels, crosswise))
        {
            PriorWeight = prior,
            KeptApartBecause = keptApart,
        };
    }

    /// <summary>Why two records strongly disagree, or null (<see cref="PersonalEvidence.StrongDisagreement"/>).</summary>
    public string? StrongDisagreement(int x, int y)
    {
        Span<int> levels = stackalloc int[_records.Comparisons.Length];
        _records.Compare(x, y, levels);
        return _personal.StrongDisagreement(levels);
    }

    /// <summary>Two records may share a cluster unless they strongly disagree.</summary>
    private bool Compatible(int x, int y) => StrongDisagreement(x, y) is null;
}
