using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Pairwise accuracy on the three Febrl data sets, one configuration for all (EM estimates the rest).</summary>
public sealed class FebrlAccuracyTests
{
    [Theory]
    [InlineData("dataset1.csv", 500)]
    [InlineData("dataset2.csv", 1934)]
    [InlineData("dataset3.csv", 6538)]
    public void Resolve_ReachesF1OfAtLeast0995(string file, int truePairs)
    {
        var records = Febrl.Load(file);
        var result = IdentityResolver.Resolve(records, Febrl.Options());
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, Febrl.EntityOf);
        Assert.Equal(truePairs, accuracy.TruePairs);
        Assert.True(
            accuracy.F1 >= 0.995,
            $"{file}: precision {accuracy.Precision:F4}, recall {accuracy.Recall:F4}, F1 {accuracy.F1:F4} ({accuracy.CorrectPairs}/{accuracy.PredictedPairs} predicted, {accuracy.TruePairs} true; {result.CandidatePairs} candidates, match rate {result.MatchRate:F4})");
    }
}
