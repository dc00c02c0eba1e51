namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>resolve</c> command's contract: one row per record under the header <c>record_id,cluster_id</c>.</summary>
public sealed class ResolveCommandTests : IDisposable
{
    private const string Fields = "given_name:given-name, surname:family-name,street_number:street-number,address_1:address,address_2:address,suburb:city,postcode:postcode,state:region,date_of_birth:birth-date,soc_sec_id:national-id";
    private readonly string _dir = Directory.CreateTempSubdirectory("ecrm-resolve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Febrl1_WritesOneClusterPerPerson()
    {
        var output = Path.Combine(_dir, "clusters.csv");
        var (code, stdout, error) = await HostRunner.RunAsync(
            "resolve", "--input", TestPaths.Fixture("febrl/dataset1.csv"), "--id-column", "rec_id", "--fields", Fields, "--output", output);
        Assert.True(code == 0, error);
        Assert.Matches(@"Resolved 1,000 records into \d{3} clusters: [\d,]+ candidate pairs \(sorted:surname\+given_name", stdout);
        var rows = await File.ReadAllLinesAsync(output);
        Assert.Equal("record_id,cluster_id", rows[0]);
        Assert.Equal(1001, rows.Length);

        // Every true pair (same rec-N) shares a cluster and no two people do: pairwise F1 from the file alone.
        var clusterOf = rows.Skip(1).Select(r => r.Split(',')).ToDictionary(f => f[0], f => f[1]);
        var accuracy = Ecrm.Resolution.ResolutionAccuracy.Of(clusterOf, id => id.Split('-')[1]);
        Assert.True(accuracy.F1 >= 0.995, $"F1 {accuracy.F1}");
    }

    [Fact]
    public async Task PrintsTheModelBlockingAndWarnings_AndExplainsEveryMergeAndReview()
    {
        var input = await LabelledFebrlAsync();
        var output = Path.Combine(_dir, "clusters.csv");
        var explain = Path.Combine(_dir, "explain.jsonl");
        var (code, stdout, error) = await HostRunner.RunAsync(
            "resolve", "--input", input, "--id-column", "rec_id", "--fields", "given_name:given-name,date_of_birth:birth-date", "--output", output,
            "--explain", explain, "--truth-column", "person");
        Assert.True(code == 0, error);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Resolved 1,000 records into ", lines[0], StringComparison.Ordinal); // the contract's first line, unchanged
        Assert.Contains(lines, l => l.StartsWith("Model: match rate ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  given_name, defaults: different m=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Blocking: ", StringComparison.Ordinal) && l.Contains("(recall ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Warning (FewComparisons): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Accuracy: precision ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Explained ", StringComparison.Ordinal));

        var explained = await File.ReadAllLinesAsync(explain);
        Assert.NotEmpty(explained);
        foreach (var line in explained)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.Contains(json.RootElement.GetProperty("outcome").GetString(), new[] { "match", "review" });
            Assert.Equal(2, json.RootElement.GetProperty("steps").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("explain.json")]
    [InlineData("explain.txt")]
    public async Task Explanations_AreWrittenAsAJsonArrayOrAsText(string name)
    {
        var explain = Path.Combine(_dir, name);
        var (code, _, error) = await HostRunner.RunAsync(
            "resolve", "--input", TestPaths.Fixture("febrl/dataset1.csv"), "--id-column", "rec_id", "--fields", Fields, "--output", Path.Combine(_dir, "c.csv"), "--explain", explain);
        Assert.True(code == 0, error);
        var text = await File.ReadAllTextAsync(explain);
        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            Assert.True(json.RootElement.GetArrayLength() >= 490); // 499 of the 500 true pairs merge
        }
        else
        {
            Assert.Contains("  prior ", text, StringComparison.Ordinal);
            Assert.Contains("= total", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("given_name:nickname")]
    [InlineData("given_name")]
    [InlineData("colour:city")]
    public async Task BadFields_ExitWith2(string fields)
    {
        var (code, _, error) = await HostRunner.RunAsync(
            "resolve", "--input", TestPaths.Fixture("febrl/dataset1.csv"), "--id-column", "rec_id", "--fields", fields, "--output", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("error: --fields", error, StringComparison.Ordinal);
    }

    /// <summary>Febrl 1 with a column naming each record's person (the N of rec-N-...).</summary>
    private async Task<string> LabelledFebrlAsync()
    {
        var lines = await File.ReadAllLinesAsync(TestPaths.Fixture("febrl/dataset1.csv"));
        var path = Path.Combine(_dir, "labelled.csv");
        await File.WriteAllLinesAsync(path, [lines[0] + ", person", .. lines.Skip(1).Select(l => l + ", " + l.Split('-')[1])]);
        return path;
    }

    [Fact]
    public async Task ChineseRecords_WithFullWidthDigitsAndNoSpaces_AreResolved()
    {
        var input = Path.Combine(_dir, "people.csv");
        await File.WriteAllTextAsync(input, """
            id,name,address,phone,birth
            a,王小明,上海市浦东新区世纪大道100号,13800138000,1990-03-05
            b,王小明,上海市浦東新区世纪大道１００号,＋86 138 0013 8000,19900305
            c,李华,北京市海淀区中关村大街1号,13900139000,1985-11-20
            d,王晓明,上海市浦东新区世纪大道100号,,1990-05-03
            """);
        var output = Path.Combine(_dir, "out.csv");
        var (code, _, error) = await HostRunner.RunAsync(
            "resolve", "--input", input, "--id-column", "id", "--fields", "name:full-name,address:address,phone:phone,birth:birth-date", "--output", output);
        Assert.True(code == 0, error);
        var clusters = (await File.ReadAllLinesAsync(output)).Skip(1).Select(r => r.Split(',')).ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(clusters["a"], clusters["b"]); // full-width digits and a traditional character fold away
        Assert.NotEqual(clusters["a"], clusters["c"]);
    }
}
