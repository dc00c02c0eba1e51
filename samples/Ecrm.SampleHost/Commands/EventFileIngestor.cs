using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Ecrm.Serialization;
using Ecrm.SampleHost.Rendering;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// Ingests a JSON Lines file in batches: good lines are ingested, bad ones reported with their line numbers. The file is
/// parsed one batch ahead of ingestion, on another thread, so parsing and the graph's work overlap; what is printed, and
/// in which order, is what a sequential read would print (a batch's malformed lines, then its rejected ones).
/// </summary>
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
            var watch = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var batches = Channel.CreateBounded<ParsedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var parsing = Task.Run(() => ParseAsync(file, batches.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    summary.Lines += batch.Lines;
                    foreach (var error in batch.Malformed)
                    {
                        Report(console, summary, error);
                    }

                    await FlushAsync(graph, batch, summary, console, cancellationToken);
                    if (batch.Position is { } position)
                    {
                        progress.Report(position);
                    }
                }
            }
            finally
            {
                await stop.CancelAsync(); // a failed ingestion stops the parser; a finished one has nothing left to stop
                await parsing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await parsing; // an I/O error of the parser surfaces here, once the batches before it are ingested
            summary.Elapsed = watch.Elapsed;
            progress.Complete();
            if (summary.Rejected > MaxReportedErrors)
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"... and {summary.Rejected - MaxReportedErrors:N0} more rejected lines."));
            }

            return summary;
        }
    }

    /// <summary>Reads the file into batches of <see cref="BatchSize"/> events; the last batch may be short or empty.</summary>
    private static async Task ParseAsync(FileStream file, ChannelWriter<ParsedBatch> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new ParsedBatch();
            await foreach (var line in EventJsonLines.ReadAsync(file, cancellationToken))
            {
                batch.Lines++;
                if (line.Event is null)
                {
                    batch.Malformed.Add(line.Error!);
                    continue;
                }

                batch.Events.Add(line.Event);
                batch.LineNumbers.Add(line.LineNumber);
                if (batch.Events.Count == BatchSize)
                {
                    batch.Position = file.Position;
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new ParsedBatch();
                }
            }

            await batches.WriteAsync(batch, cancellationToken);
            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex is OperationCanceledException ? null : ex);
            throw;
        }
    }

    private static async Task FlushAsync(ICustomerGraph graph, ParsedBatch batch, IngestSummary summary, HostConsole console, CancellationToken cancellationToken)
    {
        if (batch.Events.Count == 0)
        {
            return;
        }

        var result = await graph.IngestBatchAsync(batch.Events, cancellationToken);
        summary.Accepted += result.Accepted;
        summary.Duplicates += result.Duplicates;
        for (var i = 0; i < result.Results.Count; i++)
        {
            if (result.Results[i].Error is { } error)
            {
                Report(console, summary, $"line {batch.LineNumbers[i]}: {error.Message}");
            }
        }
    }

    private static void Report(HostConsole console, IngestSummary summary, string message)
    {
        summary.Rejected++;
        if (summary.Rejected <= MaxReportedErrors)
        {
            console.Error.WriteLine(message);
        }
    }

    /// <summary>One batch as the parser hands it over: its events, their line numbers, and the malformed lines read on the way.</summary>
    private sealed class ParsedBatch
    {
        public List<CustomerEvent> Events { get; } = new(BatchSize);

        public List<long> LineNumbers { get; } = new(BatchSize);

        public List<string> Malformed { get; } = [];

        public long Lines { get; set; }

        /// <summary>Where the file was read up to when the batch filled (null for the last batch).</summary>
        public long? Position { get; set; }
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
