using System.Globalization;

namespace Ecrm.SampleHost.Commands;

/// <summary><c>stats</c>: prints the graph's sizes, one per line, and the time the store took to open.</summary>
internal static class StatsCommand
{
    public static async Task<int> RunAsync(CommandLine line, ICustomerGraph graph, TimeSpan opened, HostConsole console, CancellationToken cancellationToken)
    {
        line.EnsureAllUsed();
        var s = await graph.GetStatisticsAsync(cancellationToken);
        foreach (var (name, value) in new[] { ("Customers", s.Customers), ("Identities", s.Identities), ("Events", s.Events), ("Merges", s.Merges), ("Conflicts", s.Conflicts) })
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Opened in: {opened.TotalSeconds:0.000} s"));
        return 0;
    }
}
