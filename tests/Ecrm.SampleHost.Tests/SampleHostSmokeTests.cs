using System.Diagnostics;
using System.Text.Json;
using Ecrm.Serialization;

namespace Ecrm.SampleHost.Tests;

/// <summary>The sample host's commands, run in-process with captured output, plus one real process run.</summary>
public sealed class SampleHostSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ecrm-sample-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_WritesJsonLinesOfTheRequestedPeople()
    {
        var file = Path.Combine(_dir, "events.jsonl");
        var (code, output, _) = await RunAsync("generate", "--customers", "200", "--out", file);

        Assert.Equal(0, code);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.InRange(lines.Length, 800, 3000);
        Assert.All(lines.Take(50), l => Assert.NotNull(EventJsonLines.Deserialize(System.Text.Encoding.UTF8.GetBytes(l))));
        Assert.Contains($"events of 200 people to {file}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_GoodFile_SucceedsWithSummary()
    {
        var file = Path.Combine(_dir, "events.jsonl");
        await RunAsync("generate", "--customers", "100", "--out", file);

        var (code, output, error) = await RunAsync("ingest", "--events", file);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Matches(@"Ingested .*: [\d,]+ lines, [\d,]+ accepted, [\d,]+ duplicates, 0 rejected", output);
        Assert.Contains("Customers: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_BadLines_AreReportedWithLineNumbersAndGoodLinesStillIngested()
    {
        var file = Path.Combine(_dir, "mixed.jsonl");
        var good = EventJsonLines.Serialize(new CustomerEvent
        {
            Id = "ok-1", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            Identities = [Identity.Phone("13800138000")], Properties = new EventProperties { Amount = 10m },
        });
        await File.WriteAllLinesAsync(file,
        [
            good,
            good.Replace("ok-1", "ok-2", StringComparison.Ordinal),
            "{\"id\": \"broken\", \"channel\": ",
            good.Replace("ok-1", "ok-3", StringComparison.Ordinal),
            good.Replace("ok-1", "bad-amount", StringComparison.Ordinal).Replace("\"amount\":10", "\"amount\":-5", StringComparison.Ordinal),
        ]);

        var (code, output, error) = await RunAsync("ingest", "--events", file);

        Assert.Equal(1, code);
        Assert.Contains("line 3:", error, StringComparison.Ordinal);
        Assert.Contains("line 5:", error, StringComparison.Ordinal);
        Assert.Contains("properties.amount", error, StringComparison.Ordinal);
        Assert.Contains("5 lines, 3 accepted, 0 duplicates, 2 rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingFile_ExitsWith2AndSaysSo()
    {
        var (code, _, error) = await RunAsync("ingest", "--events", Path.Combine(_dir, "nope.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_ByIdentity_PrintsThe360AsJson()
    {
        var file = Path.Combine(_dir, "events.jsonl");
        await RunAsync("generate", "--customers", "50", "--out", file);
        var phone = File.ReadLines(file).Select(l => EventJsonLines.Deserialize(System.Text.Encoding.UTF8.GetBytes(l)))
            .SelectMany(e => e.Identities).First(i => i.Kind == IdentityKind.Phone);

        var (code, output, _) = await RunAsync("customer", "--identity", phone.ToString(), "--events", file);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var profile = json.RootElement.GetProperty("profile");
        Assert.StartsWith("cus_", profile.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains(profile.GetProperty("identities").EnumerateArray(), i => i.GetProperty("identity").GetProperty("value").GetString() == phone.Value);
        Assert.True(json.RootElement.GetProperty("timeline").GetProperty("events").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Customer_UnknownIdentity_ExitsWith1()
    {
        var file = Path.Combine(_dir, "events.jsonl");
        await RunAsync("generate", "--customers", "20", "--out", file);
        var (code, _, error) = await RunAsync("customer", "--identity", "email:nobody@example.com", "--events", file);
        Assert.Equal(1, code);
        Assert.Contains("No customer has the identity email:nobody@example.com", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ingest")]
    [InlineData("generate", "--customers", "ten", "--out", "x.jsonl")]
    [InlineData("customer", "--identity", "nokind")]
    [InlineData("ingest", "--events", "a.jsonl", "--colour", "red")]
    public async Task BadUsage_ExitsWith2AndPrintsUsage(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SmallRun_PrintsFiguresAndCards()
    {
        var (code, output, _) = await RunAsync("demo", "--events", "3000");
        Assert.Equal(0, code);
        Assert.Contains("Customers: ", output, StringComparison.Ordinal);
        Assert.Matches(@"RFM groups of [\d,]+ buyers at \d{4}-\d{2}-\d{2}: champions \d", output);
        Assert.Matches(@"  1\. .+ \(cus_[a-z2-7]+\): influence \d+\.\d, [\d,]+ followers", output);
        Assert.Matches(@"Alerts: [\d,]+ raised by negative comments, reviews and mentions \(critical [\d,]+, high [\d,]+, medium [\d,]+, low [\d,]+\)\.", output);
        Assert.Matches(@"  1\. (critical|high|medium|low) \d+\.\d: .+ \(cus_[a-z2-7]+\) on \w+, [\d,]+ followers", output);
        Assert.Matches(@"Campaign accessory-push \(segment accessory-prospects, .*\): audience [\d,]+, sent (sms|email|wechat) [\d,]+", output);
        Assert.Matches(@"Campaign results \(.*\): conversions [\d,]+ of [\d,]+ sent \([\d.]+%\) vs [\d,]+ of [\d,]+ held out \([\d.]+%\): uplift [+-][\d.]+ points \(95% CI", output);
        Assert.Matches(@"Attribution \(last touch, 30 days\) by campaign: [\w-]+ ¥[\d,]+ from [\d,]+ orders", output);
        Assert.Matches(@"Surges: [1-9][\d,]*: ", output);
        Assert.Matches(@"Top complaint topics \(last 30 days, change against the 30 days before\): \w+ [\d,]+ \(x\d+\.\d\d\)", output);
        Assert.Matches(@"Brand share of mentions: 青禾 \(own\) \d+\.\d% \(net sentiment [+-]\d\.\d\d\), 云杉 ", output);
        Assert.Matches("Feature requests: \".+\" x[\\d,]+ \\([\\d,]+ customers\\)", output);
        Assert.Contains("┌─ Most connected customer", output, StringComparison.Ordinal);
        Assert.Contains("customer --identity ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultRun_AsARealProcess_KeepsItsDataInSqlite_AndASecondRunFindsItThere()
    {
        var data = Directory.CreateTempSubdirectory("ecrm-sample-data-").FullName;
        try
        {
            var first = await RunProcessAsync(data);
            Assert.Matches(@"Ingested (9\d|10\d),\d{3} events: [\d,]+ accepted, [\d,]+ duplicates \(channel retries\), 0 rejected", first);
            Assert.Contains("Loudest prospect on Weibo", first, StringComparison.Ordinal);
            var path = Path.Combine(data, "ecrm.db");
            Assert.Matches($@"Store: sqlite at {System.Text.RegularExpressions.Regex.Escape(path)} \(durable: [\d,]+ events kept, 0 of them from earlier runs\)\.", first);
            Assert.True(File.Exists(path));

            var second = await RunProcessAsync(data);
            Assert.Matches(@"Ingested (9\d|10\d),\d{3} events: 0 accepted, [\d,]+ duplicates \(channel retries\), 0 rejected", second);
            var kept = System.Text.RegularExpressions.Regex.Match(second, @"durable: ([\d,]+) events kept, ([\d,]+) of them from earlier runs");
            Assert.Equal(kept.Groups[1].Value, kept.Groups[2].Value);
            // The same customers; the events grow only by what the first run's campaign recorded (its sends, hold-outs and
            // simulated responses), and the campaign sends nothing new and reports the same results.
            Assert.Equal(Customers(first), Customers(second));
            Assert.Contains("sent none new", Line(second, "Campaign accessory-push"), StringComparison.Ordinal);
            Assert.Equal(Line(first, "Campaign results"), Line(second, "Campaign results"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        static string Line(string output, string start) => output.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal));
        static string Customers(string output) => System.Text.RegularExpressions.Regex.Replace(Line(output, "Customers: "), @"events: [\d,]+, ", string.Empty);
    }

    private static async Task<string> RunProcessAsync(string dataFolder)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ecrm-sample.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ECRM_SAMPLE_DATA"] = dataFolder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }

    [Theory]
    [InlineData("postgres", "--store expects")]
    [InlineData("postgres:Host=127.0.0.1;Port=1;Timeout=1", "PostgreSQL store")]
    [InlineData("disk:/tmp/x", "--store expects")]
    public async Task ABadStore_IsAUsageError(string store, string message)
    {
        var (code, _, error) = await RunAsync("ingest", "--events", "x.jsonl", "--store", store);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => HostRunner.RunAsync(args);
}
