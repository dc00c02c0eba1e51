using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Pairwise accuracy on the three Febrl data sets, one configuration for all (EM estimates the rest).</summary>
public sealed class FebrlAccuracyTests
{
    private static readonly string[] Name = ["given_name", "surname"];
    private static readonly string[] Address = ["street_number", "address_1", "address_2", "suburb", "postcode", "state"];

    /// <summary>
    /// All ten fields at the default threshold: no false pair, and at most a handful of true pairs missed. The pairs
    /// missed look, field by field, like two members of one household (another given name, birth date and id at the
    /// same address; see docs/resolution.md); Febrl 3's duplicates replace those fields outright most often, so its
    /// floor is lower.
    /// </summary>
    [Theory]
    [InlineData("dataset1.csv", 500, 0.998)]
    [InlineData("dataset2.csv", 1934, 0.998)]
    [InlineData("dataset3.csv", 6538, 0.995)]
    public void AllFields_ReachTheirF1(string file, int truePairs, double f1)
    {
        var records = Febrl.Load(file);
        var result = IdentityResolver.Resolve(records, Febrl.Options());
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, Febrl.EntityOf);
        Assert.Equal(truePairs, accuracy.TruePairs);
        Assert.Equal(1.0, accuracy.Precision);
        Assert.True(
            accuracy.F1 >= f1,
            $"{file}: precision {accuracy.Precision:F4}, recall {accuracy.Recall:F4}, F1 {accuracy.F1:F4} ({accuracy.CorrectPairs}/{accuracy.PredictedPairs} predicted, {accuracy.TruePairs} true; {result.CandidatePairs} candidates, match rate {result.MatchRate:E2})");
    }

    public static TheoryData<string, string> Subsets()
    {
        var data = new TheoryData<string, string>();
        string[][] subsets =
        [
            [.. Name, "date_of_birth"], [.. Name, "soc_sec_id"], [.. Name, .. Address], [.. Name, "suburb", "postcode", "state"],
            [.. Name, "street_number", "address_1"], ["surname", "date_of_birth"], [.. Name, "date_of_birth", "soc_sec_id"],
            [.. Name, "date_of_birth", .. Address], [.. Name, "soc_sec_id", .. Address],
        ];
        foreach (var file in new[] { "dataset1.csv", "dataset2.csv", "dataset3.csv" })
        {
            foreach (var subset in subsets)
            {
                data.Add(file, string.Join(",", subset));
            }
        }

        return data;
    }

    /// <summary>Any name plus one of birth date, address or national id: precision at least 0.99 and no cluster larger than the largest person.</summary>
    [Theory]
    [MemberData(nameof(Subsets))]
    public void FieldSubsets_KeepPrecision_AndNoBlobCluster(string file, string columns)
    {
        var chosen = columns.Split(',');
        var indexes = chosen.Select(c => Array.FindIndex(Febrl.Columns, x => x.Column == c)).ToArray();
        var records = Febrl.Load(file).Select(r => new ResolutionRecord(r.Id, [.. indexes.Select(i => r.Values[i])])).ToList();
        var options = new ResolverOptions();
        foreach (var i in indexes)
        {
            options.Fields.Add(new ResolutionField(Febrl.Columns[i].Column, Febrl.Columns[i].Kind));
        }

        var result = IdentityResolver.Resolve(records, options);
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, Febrl.EntityOf);
        var largestTrue = records.GroupBy(r => Febrl.EntityOf(r.Id)).Max(g => g.Count());
        var largest = result.ClusterOf.GroupBy(kv => kv.Value).Max(g => g.Count());
        Assert.True(accuracy.Precision >= 0.99, $"{file} {columns}: precision {accuracy.Precision:F4} (recall {accuracy.Recall:F4})");
        Assert.True(largest <= largestTrue, $"{file} {columns}: a cluster of {largest}, the largest person has {largestTrue} records");
    }
}
