using System.Text.Json;

namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>export</c> command's contract: the customer's data export as JSON on standard output, nothing else.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public async Task ByIdentity_WritesTheExportAsJson()
    {
        using var store = await SmallSqliteStore.WithTwoCustomersAsync();

        var (code, output, error) = await store.RunAsync("export", "--identity", "phone:13800138001");

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.EndsWith("}" + Environment.NewLine, output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("ecrm-customer-export/1", root.GetProperty("format").GetString());
        Assert.StartsWith("cus_", root.GetProperty("customerId").GetString(), StringComparison.Ordinal);
        Assert.Equal(["alice-1", "alice-2"], root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains(SmallSqliteStore.AliceEmail, output, StringComparison.Ordinal);
        Assert.DoesNotContain(SmallSqliteStore.BobEmail, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIdentity_ExitsWith1AndSaysSo()
    {
        using var store = await SmallSqliteStore.WithTwoCustomersAsync();

        var (code, output, error) = await store.RunAsync("export", "--identity", "email:Nobody@Example.com");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"No customer has the identity email:nobody@example.com.{Environment.NewLine}", error);
    }
}
