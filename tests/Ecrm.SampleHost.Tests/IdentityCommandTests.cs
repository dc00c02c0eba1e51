namespace Ecrm.SampleHost.Tests;

/// <summary>
/// What <c>erase</c> and <c>export</c> share (one lookup of <c>--identity</c>): an empty store is not seeded, and bad
/// usage is exit code 2 with the usage text.
/// </summary>
public sealed class IdentityCommandTests
{
    [Theory]
    [InlineData("erase")]
    [InlineData("export")]
    public async Task EmptyStore_ExitsWith1_WithoutIngestingTheDefaultDataSet(string command)
    {
        using var store = SmallSqliteStore.Empty();

        var (code, _, error) = await store.RunAsync(command, "--identity", "phone:13800138000");

        Assert.Equal(1, code);
        Assert.Contains("No customer has the identity phone:+8613800138000.", error, StringComparison.Ordinal);
        Assert.Contains("Events: 0", (await store.RunAsync("stats")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("erase", "--identity", "nokind")]
    [InlineData("erase", "--identity", "phone:")]
    [InlineData("erase")]
    [InlineData("erase", "--identity", "email:a@example.com", "--reason", "x")]
    [InlineData("export", "--identity", "nokind")]
    [InlineData("export")]
    [InlineData("export", "--identity", "email:a@example.com", "--events", "x.jsonl")]
    public async Task BadUsage_ExitsWith2AndPrintsUsage(params string[] args)
    {
        var (code, output, error) = await HostRunner.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }
}
