namespace Ecrm.SampleHost.Tests;

/// <summary>Runs the sample host in-process and captures what it writes.</summary>
internal static class HostRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SampleHost.RunAsync(args, output, error, interactive: false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
