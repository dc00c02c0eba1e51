using System.Globalization;
using System.Text.Json;

namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>clv</c> command's contract: one line of JSON with the three models, CSV input, predictions output.</summary>
public sealed class ClvCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ecrm-clv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Cdnow_PrintsPublishedParametersAsJson()
    {
        var (code, output, error) = await HostRunner.RunAsync(
            "clv", "--transactions", TestPaths.Fixture("cdnow/CDNOW_sample.txt"), "--format", "cdnow", "--calibration-end", "1997-09-30");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["bgnbd", "paretonbd", "gammagamma"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["r", "alpha", "a", "b", "ll"], root.GetProperty("bgnbd").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["r", "alpha", "s", "beta", "ll"], root.GetProperty("paretonbd").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["p", "q", "gamma", "ll"], root.GetProperty("gammagamma").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.2426, root.GetProperty("bgnbd").GetProperty("r").GetDouble(), 4);
        Assert.Equal(-9582.43, root.GetProperty("bgnbd").GetProperty("ll").GetDouble(), 2);
        Assert.Equal(-9595.0, root.GetProperty("paretonbd").GetProperty("ll").GetDouble(), 1);
        Assert.Equal(15.44, root.GetProperty("gammagamma").GetProperty("gamma").GetDouble(), 2);
    }

    [Fact]
    public async Task Csv_GivesTheSameFitAsCdnow_AndWritesPredictions()
    {
        // The same purchases as CSV (ISO dates, one row per purchase).
        var csv = Path.Combine(_dir, "purchases.csv");
        var lines = new List<string> { "customer_id,date,amount" };
        foreach (var line in File.ReadLines(TestPaths.Fixture("cdnow/CDNOW_sample.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            lines.Add($"{f[0]},{date:yyyy-MM-dd},{f[4]}");
        }

        await File.WriteAllLinesAsync(csv, lines);
        var predictions = Path.Combine(_dir, "predictions.csv");
        var (code, output, error) = await HostRunner.RunAsync(
            "clv", "--transactions", csv, "--format", "csv", "--calibration-end", "1997-09-30", "--output", predictions);
        Assert.True(code == 0, error);
        var (_, cdnow, _) = await HostRunner.RunAsync(
            "clv", "--transactions", TestPaths.Fixture("cdnow/CDNOW_sample.txt"), "--format", "cdnow", "--calibration-end", "1997-09-30");
        Assert.Equal(cdnow, output);

        var rows = await File.ReadAllLinesAsync(predictions);
        Assert.Equal("customer_id,frequency,recency,T,average_value,p_alive,expected_purchases_52w,expected_average_value,clv_12m", rows[0]);
        Assert.Equal(2358, rows.Length);
        Assert.StartsWith("00004,2,30.4286,38.8571,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedLine_ExitsWith2NamingTheLine()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(csv, "customer_id,date,amount\nc1,2024-01-01,10\nc1,2024-13-01,5\n");
        var (code, _, error) = await HostRunner.RunAsync("clv", "--transactions", csv, "--format", "csv", "--calibration-end", "2024-06-30");
        Assert.Equal(2, code);
        Assert.Contains("line 3: expected a date yyyy-MM-dd, received '2024-13-01'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xlsx", "--calibration-end", "1997-09-30")]
    [InlineData("--format", "cdnow", "--calibration-end", "30/09/1997")]
    public async Task BadOptions_ExitWith2(params string[] options)
    {
        var (code, _, error) = await HostRunner.RunAsync(["clv", "--transactions", TestPaths.Fixture("cdnow/CDNOW_sample.txt"), .. options]);
        Assert.Equal(2, code);
        Assert.Contains("error: --", error, StringComparison.Ordinal);
    }
}
