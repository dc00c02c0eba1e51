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
            var reported = index.Result.Decisions.Select(d => Key(d)).ToList();
            foreach (var r in population.Records[first..])
            {
                var decisions = index.Add(r);
                Assert.All(decisions, d => Assert.True(d.Probability >= 0.5));
                reported.AddRange(decisions.Select(d => Key(d)));
            }

            // A refit returns what changed (a review that became a match, a pair newly in reach), not every pending pair
            // again: no pair is reported twice with the same outcome.
            var repeated = reported.GroupBy(k => k).Count(g => g.Count() > 1);
            var incremental = population.Accuracy(population.Records.ToDictionary(r => r.Id, r => index.ClusterOf(r.Id)));
            return (Math.Abs(incremental.F1 - batch.F1) <= 0.01 && repeated == 0).Label($"batch F1 {batch.F1:F4}, incremental {incremental.F1:F4} after {first} of {population.Records.Count}; {repeated} pairs reported twice with one outcome");

            static string Key(MatchDecision d) => (string.CompareOrdinal(d.LeftId, d.RightId) < 0 ? d.LeftId + "|" + d.RightId : d.RightId + "|" + d.LeftId) + "|" + d.Outcome;
        });

    [Fact]
    public void BadRecords_AndLaterChangesToTheOptions_CannotHurtTheIndex()
    {
        var options = Febrl.Options();
        var records = Febrl.Load("dataset1.csv");
        var index = ResolutionIndex.Build(records[..600], options);
        options.MatchProbability = 0.55; // after the build: the index keeps its own copy
        options.Fields.Clear();
        var decisions = index.Add(records[600]);
        Assert.All(decisions.Where(d => d.Outcome == MatchOutcome.Match), d => Assert.True(d.Probability >= 0.9));
        Assert.Contains("without an id", Assert.Throws<EcrmException>(() => index.Add(new ResolutionRecord(null!, records[601].Values))).Message, StringComparison.Ordinal);
        Assert.Contains("without values", Assert.Throws<EcrmException>(() => index.Add(new ResolutionRecord("x", null!))).Message, StringComparison.Ordinal);
        Assert.Contains("expected a record of the index", Assert.Throws<EcrmException>(() => index.ClusterOf("nobody")).Message, StringComparison.Ordinal);
        Assert.Equal(601, index.Count);

        var clash = new ResolverOptions();
        clash.Fields.Add(new ResolutionField("address", FieldKind.FullName));
        clash.Fields.Add(new ResolutionField("street", FieldKind.Address));
        Assert.Contains("'address' twice", Assert.Throws<EcrmException>(clash.Validate).Message, StringComparison.Ordinal);
    }

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
