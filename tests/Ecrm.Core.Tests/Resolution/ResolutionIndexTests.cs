using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

public sealed class ResolutionIndexTests
{
    [Fact]
    public void Incremental_AddingTheDuplicatesOneByOne_GivesTheBatchClusters()
    {
        // Build on the originals of Febrl 1, then add every duplicate one at a time.
        var records = Febrl.Load("dataset1.csv");
        var originals = records.Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal)).ToList();
        var duplicates = records.Where(r => !r.Id.EndsWith("-org", StringComparison.Ordinal)).ToList();
        var index = ResolutionIndex.Build([.. originals, .. duplicates.Take(100)], Febrl.Options()); // enough duplicates for EM to see matches
        foreach (var d in duplicates.Skip(100))
        {
            var decisions = index.Add(d);
            Assert.All(decisions, x => Assert.Equal(d.Id, x.RightId));
        }

        var clusterOf = records.ToDictionary(r => r.Id, r => index.ClusterOf(r.Id));
        var accuracy = ResolutionAccuracy.Of(clusterOf, Febrl.EntityOf);
        Assert.True(accuracy.F1 >= 0.995, $"incremental F1 {accuracy.F1:F4} (precision {accuracy.Precision:F4}, recall {accuracy.Recall:F4})");
        Assert.Equal(1000, index.Count);
        Assert.Throws<EcrmException>(() => index.Add(duplicates[0]));
    }
}
