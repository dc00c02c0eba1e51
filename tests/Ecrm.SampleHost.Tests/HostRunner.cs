namespace Ecrm.SampleHost.Tests;

/// <summary>Runs the sample host in-process and captures what it writes.</summary>
internal static class HostRunner
{
    /// <summary>Runs a command; unless the test chooses a store, on the in-memory one (tests must not share a file).</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        if (!args.Contains("--store") && args is not ["--help" or "-h" or "help"])
        {
            args = [.. args, "--store", "memory"];
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SampleHost.RunAsync(args, output, error, interactive: false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
