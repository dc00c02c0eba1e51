using Ecrm.Resolution;
using Ecrm.Testing.Population;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Build then Add gives the clusters of one batch over all records (within one point of F1).</summary>
public sealed class IncrementalResolutionTests
{
    [Theory]
    [InlineData("dataset1.csv", false)]
    [InlineData("dataset3.csv", false)]
    [InlineData("dataset3.csv", true)]
    public void BuildOverTheOriginals_ThenAddEveryDuplicate_MatchesTheBatch(string file, bool namesAndBirthDateOnly)
    {
        var records = Febrl.Load(file);
        var options = Febrl.Options();
        if (namesAndBirthDateOnly)
        {
            records = [.. records.Select(r => new ResolutionRecord(r.Id, [r.Values[0], r.Values[1], r.Values[8]]))];
            options = new ResolverOptions();
            foreach (var (column, kind) in Febrl.Columns.Where((_, i) => i is 0 or 1 or 8))
            {
                options.Fields.Add(new ResolutionField(column, kind));
            }
        }

        var batch = ResolutionAccuracy.Of(IdentityResolver.Resolve(records, options).ClusterOf, Febrl.EntityOf);
        var originals = records.Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal)).ToList();
        var index = ResolutionIndex.Build(originals, options);
        Assert.True(index.Result.ExpectedMatches < 10, $"{index.Result.ExpectedMatches:F1} matches expected among originals");
        foreach (var r in records.Where(r => !r.Id.EndsWith("-org", StringComparison.Ordinal)))
        {
            index.Add(r);
        }

        var incremental = ResolutionAccuracy.Of(records.ToDictionary(r => r.Id, r => index.ClusterOf(r.Id)), Febrl.EntityOf);
        Assert.True(index.Refits > 0, "the grown index refitted its model");
        Assert.True(Math.Abs(incremental.F1 - batch.F1) <= 0.01, $"batch F1 {batch.F1:F4}, incremental {incremental.F1:F4}");
        Assert.True(incremental.Precision >= 0.99, $"incremental precision {incremental.Precision:F4}");
    }

    /// <summary>For generated populations split anywhere into a first batch and arrivals, the index ends where the batch does.</summary>
    [Property(MaxTest = 5)]
    public Property AnySplit_EndsWithinOnePointOfTheBatch() => Prop.ForAll(
        Gen.Choose(1, 10_000).SelectMany(seed => Gen.Choose(10, 90).Select(percent => (seed, percent))).ToArbitrary(),
        c =>
        {
            var population = Populations.Of(new PopulationOptions { People = 2_000, Seed = c.seed, HouseholdShare = 0.2 });
            var batch = population.Accuracy(IdentityResolver.Resolve(population.Records, population.Options()).ClusterOf);
            var first = population.Records.Count * c.percent / 100;
            var index = ResolutionIndex.Build(population.Records[..first], population.Options());
            foreach (var r in population.Records[first..])
            {
                Assert.All(index.Add(r), d => Assert.True(d.Probability >= 0.5));
            }

            var incremental = population.Accuracy(population.Records.ToDictionary(r => r.Id, r => index.ClusterOf(r.Id)));
            return (Math.Abs(incremental.F1 - batch.F1) <= 0.01).Label($"batch F1 {batch.F1:F4}, incremental {incremental.F1:F4} after {first} of {population.Records.Count}");
        });

    [Fact]
    public void RefitAfterGrowthZero_NeverRefitsByItself_ButRefitOnRequestDoes()
    {
        var records = Febrl.Load("dataset1.csv");
        var options = Febrl.Options();
        options.RefitAfterGrowth = 0;
        var index = ResolutionIndex.Build([.. records.Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal))], options);
        foreach (var r in records.Where(r => !r.Id.EndsWith("-org", StringComparison.Ordinal)))
        {
            index.Add(r);
        }

        Assert.Equal(0, index.Refits);
        index.Refit();
        Assert.Equal(1, index.Refits);
        Assert.Contains(index.Model, m => m.Fitted);
        Assert.Throws<EcrmException>(() => new ResolverOptions { RefitAfterGrowth = -1 }.Validate());
    }
}
