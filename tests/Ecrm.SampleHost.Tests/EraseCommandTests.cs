using System.Text.Json;

namespace Ecrm.SampleHost.Tests;

/// <summary>The <c>erase</c> command's contract: the erasure record, one fact per line; the person is gone from the file.</summary>
public sealed class EraseCommandTests
{
    [Fact]
    public async Task ByIdentity_PrintsTheErasure_AndThePersonIsGoneWhileOthersRemain()
    {
        using var store = await SmallSqliteStore.WithTwoCustomersAsync();
        var customerId = await CustomerIdAsync(store, "email:" + SmallSqliteStore.AliceEmail);
        Assert.True(store.FilesContain(SmallSqliteStore.AliceEmail)); // so that the check after the erasure can fail

        var (code, output, error) = await store.RunAsync("erase", "--identity", "email:" + SmallSqliteStore.AliceEmail.ToUpperInvariant());

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        var lines = output.Split(Environment.NewLine);
        Assert.Equal(6, lines.Length);
        Assert.Equal($"Erased customer {customerId}", lines[0]);
        Assert.Matches("^Erasure: era_[a-z0-9]+$", lines[1]);
        Assert.Matches("^Pseudonym: erased:[A-Za-z0-9_-]+$", lines[2]);
        Assert.Equal("Events rewritten: 2", lines[3]);
        Assert.Equal("Identities removed: 2", lines[4]);
        Assert.Equal(string.Empty, lines[5]);

        // Neither identity resolves any more; the other customer is untouched.
        foreach (var identity in new[] { "email:" + SmallSqliteStore.AliceEmail, "phone:13800138001" })
        {
            var customer = await store.RunAsync("customer", "--identity", identity);
            Assert.Equal(1, customer.Code);
            Assert.Contains("No customer has the identity ", customer.Error, StringComparison.Ordinal);
            Assert.Equal(1, (await store.RunAsync("export", "--identity", identity)).Code);
        }

        var bob = await store.RunAsync("export", "--identity", "email:" + SmallSqliteStore.BobEmail);
        Assert.True(bob.Code == 0, bob.Error);
        using (var json = JsonDocument.Parse(bob.Output))
        {
            Assert.Equal(["bob-1"], json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        }

        Assert.Contains(SmallSqliteStore.BobEmail, bob.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SmallSqliteStore.AliceEmail, bob.Output, StringComparison.Ordinal);

        // The host has disposed the store: the file (and its write-ahead log) hold none of the erased person's bytes.
        Assert.False(store.FilesContain(SmallSqliteStore.AliceEmail), "the SQLite files still hold the erased e-mail address");
        Assert.False(store.FilesContain(SmallSqliteStore.AlicePhone), "the SQLite files still hold the erased phone number");
        Assert.True(store.FilesContain(SmallSqliteStore.BobEmail));
    }

    [Fact]
    public async Task UnknownIdentity_ExitsWith1AndErasesNothing()
    {
        using var store = await SmallSqliteStore.WithTwoCustomersAsync();

        var (code, output, error) = await store.RunAsync("erase", "--identity", "email:nobody@example.com");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"No customer has the identity email:nobody@example.com.{Environment.NewLine}", error);
        Assert.Equal(0, (await store.RunAsync("export", "--identity", "email:" + SmallSqliteStore.AliceEmail)).Code);
    }

    private static async Task<string> CustomerIdAsync(SmallSqliteStore store, string identity)
    {
        var (code, output, error) = await store.RunAsync("customer", "--identity", identity);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("profile").GetProperty("id").GetString()!;
    }
}
