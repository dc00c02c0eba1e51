using Ecrm.Resolution;
using Ecrm.Testing.Population;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>The estimator cannot collapse: it detects what it cannot fit, says so, and falls back to the defaults.</summary>
public sealed class ModelEstimationTests
{
    /// <summary>After the projection a stronger agreement is never weaker evidence, m keeps its sum, and m(different) &lt;= u(different).</summary>
    [Property(MaxTest = 300)]
    public Property MonotoneRatio_OrdersTheLikelihoodRatios() => Prop.ForAll(
        Gen.Choose(2, 5).SelectMany(levels => Gen.ArrayOf(Gen.Choose(1, 1000), levels).SelectMany(m => Gen.ArrayOf(Gen.Choose(1, 1000), levels).Select(u => (m, u)))).ToArbitrary(),
        pair =>
        {
            var m = Normalise(pair.m);
            var u = Normalise(pair.u);
            var projected = (double[])m.Clone();
            ModelEstimator.MonotoneRatio(projected, u);
            var ordered = Enumerable.Range(1, m.Length - 1).All(l => (projected[l] / u[l]) >= (projected[l - 1] / u[l - 1]) - 1e-9);
            return ordered && Math.Abs(projected.Sum() - 1) < 1e-9 && projected[0] <= u[0] + 1e-9;
        });

    [Fact]
    public void NamesAndABirthDate_OnFebrl_NoLongerCollapseIntoOneCluster()
    {
        // The landed resolver put about 10,000 records into one cluster with these three fields (issue 18).
        var records = Febrl.Load("dataset3.csv").Select(r => new ResolutionRecord(r.Id, [r.Values[0], r.Values[1], r.Values[8]])).ToList();
        var options = new ResolverOptions();
        options.Fields.Add(new ResolutionField("given", FieldKind.GivenName));
        options.Fields.Add(new ResolutionField("surname", FieldKind.FamilyName));
        options.Fields.Add(new ResolutionField("birth", FieldKind.BirthDate));
        var result = IdentityResolver.Resolve(records, options);
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, Febrl.EntityOf);
        Assert.True(accuracy.Precision >= 0.99, $"precision {accuracy.Precision:F4}");
        Assert.True(result.ClusterOf.GroupBy(kv => kv.Value).Max(g => g.Count()) <= 6, "no cluster larger than the largest person (6 records)");
        Assert.True(result.MatchRate < 0.001, $"match rate {result.MatchRate}");
    }

    [Fact]
    public void TwoComparisons_WarnFewComparisons_AndKeepTheDefaults()
    {
        var population = Populations.Of(new PopulationOptions { People = 1_000, Seed = 3 }, "given_name", "date_of_birth");
        var result = IdentityResolver.Resolve(population.Records, population.Options());
        Assert.Contains(result.Warnings, w => w.Code == ResolutionWarningCode.FewComparisons);
        Assert.All(result.Model, m => Assert.False(m.Fitted));
        Assert.True(population.Accuracy(result.ClusterOf).Precision >= 0.99);
    }

    [Fact]
    public void NoDuplicates_IsReported_AndMergesNobody()
    {
        var population = Populations.Of(new PopulationOptions { People = 4_000, Seed = 4, DuplicateShare = 0 });
        var result = IdentityResolver.Resolve(population.Records, population.Options());
        Assert.Contains(result.Warnings, w => w.Code == ResolutionWarningCode.NoMatchesFound);
        Assert.True(population.Accuracy(result.ClusterOf).PredictedPairs <= 4, $"{population.Accuracy(result.ClusterOf).PredictedPairs} false pairs for 4,000 distinct people (target: at most 0.1%)");
    }

    [Fact]
    public void MoreMatchesThanTheBlockingAllows_IsADegenerateFit_AndTheDefaultsStillResolve()
    {
        // Every person ten times, identically: 4.5 matched pairs per record, beyond the bound of 2.
        var people = Populations.Of(new PopulationOptions { People = 300, Seed = 5, DuplicateShare = 0, MissingShare = 0 });
        var records = people.Records.SelectMany(r => Enumerable.Range(0, 10).Select(k => r with { Id = $"{r.Id}#{k}" })).ToList();
        var result = IdentityResolver.Resolve(records, people.Options());
        Assert.Contains(result.Warnings, w => w.Code == ResolutionWarningCode.DegenerateFit && w.Message.Contains("bound", StringComparison.Ordinal));
        Assert.All(result.Model, m => Assert.False(m.Fitted));
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, id => id.Split('#')[0]);
        Assert.Equal(1.0, accuracy.Precision);
        Assert.True(accuracy.Recall > 0.99, $"recall {accuracy.Recall:F4}");
    }

    [Fact]
    public void FieldsThatCannotReachTheMatchProbability_AreReported()
    {
        var population = Populations.Of(new PopulationOptions { People = 2_000, Seed = 6 }, "state", "postcode");
        var result = IdentityResolver.Resolve(population.Records, population.Options());
        Assert.Contains(result.Warnings, w => w.Code == ResolutionWarningCode.MatchesUnreachable);
        Assert.DoesNotContain(result.Decisions, d => d.Outcome == MatchOutcome.Match);
    }

    [Fact]
    public void TinyInputs_UseTheDefaultU_AndStillMergeTheObviousPair()
    {
        var options = new ResolverOptions();
        options.Fields.Add(new ResolutionField("name", FieldKind.FullName));
        options.Fields.Add(new ResolutionField("birth", FieldKind.BirthDate));
        options.Fields.Add(new ResolutionField("phone", FieldKind.Phone));
        var result = IdentityResolver.Resolve(
            [
                new("a", ["王小明", "1990-03-05", "13800138000"]),
                new("b", ["王小明", "19900305", "+86 138 0013 8000"]),
                new("c", ["李华", "1985-11-20", "13900139000"]),
            ],
            options);
        Assert.Equal(result.ClusterOf["a"], result.ClusterOf["b"]);
        Assert.NotEqual(result.ClusterOf["a"], result.ClusterOf["c"]);
        Assert.True(result.Model.Single(m => m.Name == "birth").U[^1] < 0.01, "u of an exact birth date comes from the defaults, not from three records");
    }

    private static double[] Normalise(int[] values) => [.. values.Select(v => v / (double)values.Sum())];
}
