using System.Text.Json;
using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Explanations a person can check: waterfalls that add up, and a blocking report with each rule's recall.</summary>
public sealed class ExplanationTests
{
    [Fact]
    public void Waterfalls_AddUp_InText_AndInJson()
    {
        var result = IdentityResolver.Resolve(Febrl.Load("dataset1.csv"), Febrl.Options());
        Assert.NotEmpty(result.Decisions);
        foreach (var d in result.Decisions)
        {
            Assert.Equal(d.Weight, d.Evidence.Sum(e => e.Weight), 9);
            Assert.Equal(d.Probability, 1 / (1 + Math.Pow(2, -(d.PriorWeight + d.Weight))), 9);
            Assert.All(d.Evidence.Where(e => e.Level == "missing"), e => Assert.Equal(0, e.Weight));
            Assert.All(d.Evidence, e => Assert.True(e.TermFrequencyWeight <= 0));
        }

        var match = result.Decisions.First(d => d.Outcome == MatchOutcome.Match);
        using var json = JsonDocument.Parse(MatchWaterfall.ToJson(match));
        var root = json.RootElement;
        Assert.Equal("match", root.GetProperty("outcome").GetString());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(match.Evidence.Count, steps.Count);
        Assert.Equal(root.GetProperty("totalBits").GetDouble(), steps[^1].GetProperty("totalBits").GetDouble(), 3);
        Assert.Equal(match.PriorWeight + match.Evidence[0].Weight, steps[0].GetProperty("totalBits").GetDouble(), 3);

        var text = MatchWaterfall.ToText(match);
        Assert.StartsWith($"{match.LeftId} ~ {match.RightId}: match, p = ", text, StringComparison.Ordinal);
        Assert.Contains("  prior ", text, StringComparison.Ordinal);
        Assert.All(match.Evidence, e => Assert.Contains(e.Field, text, StringComparison.Ordinal));
        Assert.Contains("= total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CommonValues_WeighLessThanRareOnes()
    {
        // Forty people named Smith, one named Zeppelin: an agreement on the common surname weighs less.
        var options = new ResolverOptions();
        options.Fields.Add(new ResolutionField("given", FieldKind.GivenName));
        options.Fields.Add(new ResolutionField("family", FieldKind.FamilyName));
        options.Fields.Add(new ResolutionField("birth", FieldKind.BirthDate));
        var records = Enumerable.Range(0, 40).Select(i => new ResolutionRecord($"s{i}", [$"given{i}", "smith", $"19{50 + i}0101"])).ToList();
        records.AddRange(Enumerable.Range(0, 400).Select(i => new ResolutionRecord($"o{i}", [$"name{i}", $"family{i}", $"19{i % 80 + 10}0{1 + (i % 9)}1{i % 9}"])));
        records.Add(new("smith-a", ["anna", "smith", "19800101"]));
        records.Add(new("smith-b", ["anna", "smith", "19800101"]));
        records.Add(new("zep-a", ["anna", "zeppelin", "19700101"]));
        records.Add(new("zep-b", ["anna", "zeppelin", "19700101"]));
        var result = IdentityResolver.Resolve(records, options);
        double SurnameWeight(string a, string b) => result.Decisions.Single(d => (d.LeftId == a && d.RightId == b) || (d.LeftId == b && d.RightId == a)).Evidence.Single(e => e.Field == "family").Weight;
        Assert.True(SurnameWeight("smith-a", "smith-b") < SurnameWeight("zep-a", "zep-b") - 2, "smith weighs at least two bits less than zeppelin");
    }

    [Fact]
    public void BlockingReport_GivesEachRulesPairsAndRecall()
    {
        var records = Febrl.Load("dataset1.csv");
        var report = BlockingReport.Analyse(records, Febrl.Options(), Febrl.EntityOf);
        var result = IdentityResolver.Resolve(records, Febrl.Options());
        Assert.Equal(result.CandidatePairs, report.CandidatePairs);
        Assert.Equal(500, report.TruePairs);
        Assert.True(report.Recall >= 0.99, $"blocking recall {report.Recall:F4}");
        Assert.All(report.Rules, r => Assert.InRange(r.Recall!.Value, 0, report.Recall!.Value));
        Assert.Equal(result.BlockingPasses.Select(p => p.Name), report.Rules.Select(r => r.Name));

        var unlabelled = BlockingReport.Analyse(records, Febrl.Options());
        Assert.Null(unlabelled.Recall);
        Assert.All(unlabelled.Rules, r => Assert.Null(r.Recall));
        Assert.Equal(report.Rules.Select(r => r.Pairs), unlabelled.Rules.Select(r => r.Pairs));
    }
}
