namespace Ecrm.Resolution;

/// <summary>Pairwise precision, recall and F1 of clusters against the truth.</summary>
/// <param name="Precision">Correct predicted pairs / predicted pairs.</param>
/// <param name="Recall">Correct predicted pairs / true pairs.</param>
/// <param name="F1">The harmonic mean of the two.</param>
/// <param name="TruePairs">Pairs of records of the same person.</param>
/// <param name="PredictedPairs">Pairs of records in the same cluster.</param>
/// <param name="CorrectPairs">Pairs both true and predicted.</param>
public sealed record ResolutionAccuracy(double Precision, double Recall, double F1, long TruePairs, long PredictedPairs, long CorrectPairs)
{
    /// <summary>Scores predicted clusters against true entities.</summary>
    /// <param name="clusterOf">Each record's predicted cluster.</param>
    /// <param name="entityOf">Each record's true entity.</param>
    /// <returns>The pairwise accuracy.</returns>
    public static ResolutionAccuracy Of(IReadOnlyDictionary<string, string> clusterOf, Func<string, string> entityOf)
    {
        ArgumentNullException.ThrowIfNull(clusterOf);
        ArgumentNullException.ThrowIfNull(entityOf);
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var predicted = Pairs(clusterOf.GroupBy(kv => kv.Value).Select(g => g.Count()));
        var truth = Pairs(clusterOf.Keys.GroupBy(entityOf).Select(g => g.Count()));
        var correct = Pairs(clusterOf.GroupBy(kv => (kv.Value, entityOf(kv.Key))).Select(g => g.Count()));
        var precision = predicted == 0 ? 1 : (double)correct / predicted;
        var recall = truth == 0 ? 1 : (double)correct / truth;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ResolutionAccuracy(precision, recall, f1, truth, predicted, correct);
    }
}
