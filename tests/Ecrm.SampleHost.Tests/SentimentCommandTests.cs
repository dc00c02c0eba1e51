namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>sentiment</c> command's contract: <c>row,label,score</c> per row, accuracy when labelled, models saved and loaded.</summary>
public sealed class SentimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ecrm-sentiment-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ZeroConfiguration_ScoresATsvFile_AndPrintsTheAccuracy()
    {
        var output = Path.Combine(_dir, "yelp.csv");
        var (code, stdout, error) = await HostRunner.RunAsync(
            "sentiment", "--input", TestPaths.Fixture("sentiment/en/yelp_labelled.txt"), "--text-column", "reviews", "--label-column", "sentiment", "--output", output);
        Assert.True(code == 0, error);
        Assert.Contains("with the zero-configuration lexicon analyzer", stdout, StringComparison.Ordinal);
        var accuracy = double.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"Accuracy: (\d+\.\d\d)% \(([\d,]+) of 1,000 labelled rows\)\.").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 85, stdout);
        var rows = await File.ReadAllLinesAsync(output);
        Assert.Equal("row,label,score", rows[0]);
        Assert.Equal(1001, rows.Length);
        Assert.Matches(@"^1,[01],-?\d\.\d{4}$", rows[1]);
        Assert.All(rows.Skip(1), r => Assert.InRange(double.Parse(r.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), -1, 1));
    }

    [Fact]
    public async Task Train_SavesAModel_ThatLoadsAndScoresTheSame()
    {
        var lines = await File.ReadAllLinesAsync(TestPaths.Fixture("sentiment/online_shopping_sample.csv"));
        var train = Path.Combine(_dir, "train.csv");
        var test = Path.Combine(_dir, "test.csv");
        await File.WriteAllLinesAsync(train, lines.Take(4801));
        await File.WriteAllLinesAsync(test, lines.Skip(4801).Prepend(lines[0]));
        var model = Path.Combine(_dir, "model.json");
        var first = Path.Combine(_dir, "first.csv");
        var (code, stdout, error) = await HostRunner.RunAsync(
            "sentiment", "--input", test, "--text-column", "review", "--label-column", "label", "--train", train, "--model", model, "--output", first);
        Assert.True(code == 0, error);
        Assert.Matches(@"Trained a sentiment model on 4,800 labelled rows of .*train\.csv \([\d,]+ positive\) in \d+\.\d s; saved it to .*model\.json\.", stdout);
        Assert.Contains("Accuracy: ", stdout, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"ecrm-sentiment-nb\"", await File.ReadAllTextAsync(model), StringComparison.Ordinal);

        var second = Path.Combine(_dir, "second.csv");
        (code, stdout, error) = await HostRunner.RunAsync(
            "sentiment", "--input", test, "--text-column", "review", "--output", second, "--model", model);
        Assert.True(code == 0, error);
        Assert.Contains($"with the model {model}", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Accuracy", stdout, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
    }

    [Fact]
    public async Task QuotedCsvFields_MayHoldCommasQuotesAndLineBreaks()
    {
        var input = Path.Combine(_dir, "quoted.csv");
        await File.WriteAllTextAsync(input, "id,text,label\r\n1,\"质量很好, 物流也快\",1\r\n2,\"He said \"\"terrible\"\",\nnever again\",0\r\n3,,\r\n");
        var output = Path.Combine(_dir, "out.csv");
        var (code, stdout, error) = await HostRunner.RunAsync("sentiment", "--input", input, "--text-column", "text", "--label-column", "label", "--output", output);
        Assert.True(code == 0, error);
        var rows = await File.ReadAllLinesAsync(output);
        Assert.Equal(["row,label,score", "1,1", "2,0", "3,1,0.0000"], rows.Select((r, i) => i is 1 or 2 ? r[..3] : r));
        Assert.Contains("Accuracy: 100.00% (2 of 2 labelled rows).", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--text-column", "body", "'body' is not a column")]
    [InlineData("--train", "SELF", "--train needs --label-column")]
    [InlineData("--model", "missing.json", "cannot load the model")]
    public async Task BadUsage_ExitsWith2_AndSaysWhy(string option, string value, string message)
    {
        var input = Path.Combine(_dir, "in.csv");
        await File.WriteAllTextAsync(input, "text,label\n好,1\n");
        var args = new List<string> { "sentiment", "--input", input, "--output", Path.Combine(_dir, "o.csv") };
        if (option != "--text-column")
        {
            args.AddRange(["--text-column", "text"]);
        }

        args.AddRange([option, value == "SELF" ? input : value == "missing.json" ? Path.Combine(_dir, value) : value]);
        var (code, _, error) = await HostRunner.RunAsync([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableLabel_NamesItsLine()
    {
        var input = Path.Combine(_dir, "in.csv");
        await File.WriteAllTextAsync(input, "text,label\n好,1\n差,maybe\n");
        var (code, _, error) = await HostRunner.RunAsync("sentiment", "--input", input, "--text-column", "text", "--label-column", "label", "--output", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("line 3: expected a label 1 or 0", error, StringComparison.Ordinal);
    }
}
