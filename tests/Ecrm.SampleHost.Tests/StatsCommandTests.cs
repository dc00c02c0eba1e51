namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>stats</c> command's contract: one line per figure, then the store's opening time.</summary>
public sealed class StatsCommandTests
{
    [Fact]
    public async Task SqliteStore_PrintsOneLinePerFigureAndTheOpeningTime()
    {
        using var store = await SmallSqliteStore.WithTwoCustomersAsync();

        var (code, output, error) = await store.RunAsync("stats");

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        var lines = output.Split(Environment.NewLine);
        Assert.Equal(["Customers: 2", "Identities: 3", "Events: 3", "Merges: 0", "Conflicts: 0"], lines[..5]);
        Assert.Matches(@"^Opened in: \d+\.\d{3} s$", lines[5]);
        Assert.Equal(string.Empty, lines[6]);
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task EmptyStore_PrintsZeros_AndIngestsNothing()
    {
        using var store = SmallSqliteStore.Empty();

        var (code, output, _) = await store.RunAsync("stats");

        Assert.Equal(0, code);
        Assert.StartsWith($"Customers: 0{Environment.NewLine}Identities: 0{Environment.NewLine}Events: 0{Environment.NewLine}Merges: 0{Environment.NewLine}Conflicts: 0{Environment.NewLine}Opened in: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOption_IsAUsageError()
    {
        var (code, _, error) = await HostRunner.RunAsync("stats", "--identity", "email:a@example.com");
        Assert.Equal(2, code);
        Assert.Contains("error: 'stats' does not take --identity.", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }
}
