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
