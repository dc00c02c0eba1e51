using System.Diagnostics;
using System.Globalization;
using Ecrm.Serialization;
using Ecrm.SampleHost.Rendering;

namespace Ecrm.SampleHost.Commands;

/// <summary>Ingests a JSON Lines file in batches: good lines are ingested, bad ones reported with their line numbers.</summary>
internal static class EventFileIngestor
{
    private const int BatchSize = 2_000;
    private const int MaxReportedErrors = 20;

    public static async Task<IngestSummary> IngestAsync(string path, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"cannot read '{path}': the file does not exist.");
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {ex.Message}");
        }

        await using (file)
        {
            var progress = new ProgressBar(console, "Ingesting", file.Length);
            var summary = new IngestSummary();
            var batch = new List<CustomerEvent>(BatchSize);
            var batchLines = new List<long>(BatchSize);
            var watch = Stopwatch.StartNew();
            await foreach (var line in EventJsonLines.ReadAsync(file, cancellationToken))
            {
                summary.Lines++;
                if (line.Event is null)
                {
                    Report(console, summary, line.Error!);
                    continue;
                }

                batch.Add(line.Event);
                batchLines.Add(line.LineNumber);
                if (batch.Count == BatchSize)
                {
                    await FlushAsync(graph, batch, batchLines, summary, console, cancellationToken);
                    progress.Report(file.Position);
                }
            }

            await FlushAsync(graph, batch, batchLines, summary, console, cancellationToken);
            summary.Elapsed = watch.Elapsed;
            progress.Complete();
            if (summary.Rejected > MaxReportedErrors)
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"... and {summary.Rejected - MaxReportedErrors:N0} more rejected lines."));
            }

            return summary;
        }
    }

    private static async Task FlushAsync(ICustomerGraph graph, List<CustomerEvent> batch, List<long> lines, IngestSummary summary, HostConsole console, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await graph.IngestBatchAsync(batch, cancellationToken);
        summary.Accepted += result.Accepted;
        summary.Duplicates += result.Duplicates;
        for (var i = 0; i < result.Results.Count; i++)
        {
            if (result.Results[i].Error is { } error)
            {
                Report(console, summary, $"line {lines[i]}: {error.Message}");
            }
        }

        batch.Clear();
        lines.Clear();
    }

    private static void Report(HostConsole console, IngestSummary summary, string message)
    {
        summary.Rejected++;
        if (summary.Rejected <= MaxReportedErrors)
        {
            console.Error.WriteLine(message);
        }
    }
}

/// <summary>Totals of one file ingestion.</summary>
internal sealed class IngestSummary
{
    public long Lines { get; set; }

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; set; }

    public TimeSpan Elapsed { get; set; }

    public string Describe(string source)
    {
        var rate = Elapsed.TotalSeconds > 0 ? (Accepted + Duplicates) / Elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"Ingested {source}: {Lines:N0} lines, {Accepted:N0} accepted, {Duplicates:N0} duplicates, {Rejected:N0} rejected in {Elapsed.TotalSeconds:F2} s ({rate:N0} events/s).");
    }
}
