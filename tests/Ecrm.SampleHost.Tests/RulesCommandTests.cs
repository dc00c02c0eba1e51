using System.Globalization;

namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>rules</c> command's contract: basket file in, <c>antecedent,consequent,support,confidence,lift</c> out, the rule count printed.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-rules-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WritesEveryRule_AndPrintsTheCount()
    {
        var baskets = Path.Combine(_folder, "baskets.csv");
        await File.WriteAllLinesAsync(baskets,
        [
            "bread,milk",
            "bread,diapers,beer,eggs",
            "milk,diapers,beer,cola",
            "",
            "bread,milk,diapers,beer",
            "bread, milk ,diapers,cola",
        ]);
        var output = Path.Combine(_folder, "rules.csv");
        var (code, text, error) = await HostRunner.RunAsync("rules", "--baskets", baskets, "--min-support", "0.4", "--min-confidence", "0.6", "--output", output);
        Assert.True(code == 0, error);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("antecedent,consequent,support,confidence,lift", lines[0]);
        Assert.StartsWith($"Rules: {lines.Length - 1}", text, StringComparison.Ordinal);
        var rule = Assert.Single(lines, l => l.StartsWith("diapers|milk,beer,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(0.4, double.Parse(rule[2], CultureInfo.InvariantCulture), 6);
        Assert.Equal(2.0 / 3, double.Parse(rule[3], CultureInfo.InvariantCulture), 5);
        Assert.Equal((2.0 / 3) / 0.6, double.Parse(rule[4], CultureInfo.InvariantCulture), 5);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture) >= 0.6));
    }

    [Theory]
    [InlineData("0", "0.5", "--min-support")]
    [InlineData("0.01", "1.5", "--min-confidence")]
    [InlineData("abc", "0.5", "--min-support")]
    public async Task BadThresholds_AreUsageErrors(string support, string confidence, string option)
    {
        var baskets = Path.Combine(_folder, "b.csv");
        await File.WriteAllTextAsync(baskets, "a,b\n");
        var (code, _, error) = await HostRunner.RunAsync("rules", "--baskets", baskets, "--min-support", support, "--min-confidence", confidence, "--output", Path.Combine(_folder, "o.csv"));
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_IsAnInputError()
    {
        var (code, _, error) = await HostRunner.RunAsync("rules", "--baskets", Path.Combine(_folder, "none.csv"), "--min-support", "0.01", "--min-confidence", "0.5", "--output", Path.Combine(_folder, "o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }
}
