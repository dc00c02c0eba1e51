namespace Ecrm.SampleHost.Commands;

/// <summary><c>ingest --events FILE.jsonl</c>: ingests a file and prints a summary; exit code 1 when lines were rejected.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        var path = line.Required("events");
        line.EnsureAllUsed();
        var summary = await EventFileIngestor.IngestAsync(path, graph, console, cancellationToken);
        await PopulationRefresh.RunAsync(services, cancellationToken);
        await console.Out.WriteLineAsync(summary.Describe(path));
        await console.Out.WriteLineAsync(Rendering.Figures.Describe(await graph.GetStatisticsAsync(cancellationToken)));
        return summary.Rejected > 0 ? 1 : 0;
    }
}
