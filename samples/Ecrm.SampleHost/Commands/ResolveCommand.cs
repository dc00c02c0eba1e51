using System.Globalization;
using System.Text;
using Ecrm.Resolution;
using Ecrm.SampleHost.Rendering;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>resolve --input FILE.csv --id-column NAME --fields COL:KIND,... --output FILE.csv [--explain FILE]
/// [--truth-column NAME]</c>: clusters the records of a CSV file into people and writes <c>record_id,cluster_id</c>,
/// one row per input record; prints the fitted model and the warnings; with --explain writes the waterfall of every
/// merge and review; with --truth-column (a column whose equal values mark one person) prints the accuracy and the
/// blocking report (each rule's distinct pairs and recall).
/// </summary>
internal static class ResolveCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var input = line.Required("input");
        var idColumn = line.Required("id-column");
        var fieldsText = line.Required("fields");
        var output = line.Required("output");
        var explain = line.Optional("explain");
        var truthColumn = line.Optional("truth-column");
        line.EnsureAllUsed();

        var fields = ParseFields(fieldsText);
        var (header, rows) = await DelimitedFile.ReadAsync(input, cancellationToken);
        var idIndex = DelimitedFile.Column(header, idColumn, "--id-column", input);
        var truthIndex = truthColumn is null ? -1 : DelimitedFile.Column(header, truthColumn, "--truth-column", input);

        var options = new ResolverOptions();
        var indexes = new List<int>();
        foreach (var (column, kind) in fields)
        {
            indexes.Add(DelimitedFile.Column(header, column, "--fields:", input));
            options.Fields.Add(new ResolutionField(column, kind));
        }

        var records = new List<ResolutionRecord>(rows.Count);
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, values) in rows)
        {
            if (values.Length != header.Count)
            {
                throw new InputException($"{input} line {number}: expected {header.Count} fields like the header, received {values.Length}.");
            }

            records.Add(new ResolutionRecord(values[idIndex], [.. indexes.Select(i => values[i].Length == 0 ? null : values[i])]));
            if (truthIndex >= 0)
            {
                truth[values[idIndex]] = values[truthIndex];
            }
        }

        ResolutionResult result;
        BlockingReport? blocking = null;
        try
        {
            result = IdentityResolver.Resolve(records, options, cancellationToken);
            if (truthIndex >= 0)
            {
                // Each rule's recall needs the truth; without it the first line already gives each rule's pairs.
                blocking = BlockingReport.Analyse(records, options, id => truth[id], cancellationToken);
            }
        }
        catch (EcrmException ex)
        {
            throw new InputException($"{input}: {ex.Message}");
        }

        var text = new StringBuilder("record_id,cluster_id\n");
        foreach (var r in records)
        {
            text.Append(r.Id).Append(',').Append(result.ClusterOf[r.Id]).Append('\n');
        }

        await WriteAsync(output, () => File.WriteAllTextAsync(output, text.ToString(), cancellationToken));
        var explained = 0;
        if (explain is not null)
        {
            await WriteAsync(explain, async () => explained = await ResolutionSummary.WriteExplanationsAsync(explain, result, cancellationToken));
        }

        var review = result.Decisions.Count(d => d.Outcome == MatchOutcome.Review);
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Resolved {records.Count:N0} records into {result.ClusterCount:N0} clusters: {result.CandidatePairs:N0} candidate pairs ({string.Join(", ", result.BlockingPasses.Select(p => $"{p.Name} {p.Pairs:N0}"))}), {result.Decisions.Count - review:N0} matches, {review:N0} to review; wrote {output}."));
        await ResolutionSummary.WriteAsync(console.Out, result, blocking, truthIndex >= 0 ? ResolutionAccuracy.Of(result.ClusterOf, id => truth[id]) : null);
        if (explain is not null)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Explained {explained:N0} pairs (merges and reviews) in {explain}."));
        }

        return 0;
    }

    private static async Task WriteAsync(string path, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {ex.Message}");
        }
    }

    private static List<(string Column, FieldKind Kind)> ParseFields(string text)
    {
        var fields = new List<(string, FieldKind)>();
        foreach (var part in text.Split(','))
        {
            var pieces = part.Trim().Split(':');
            if (pieces.Length != 2 || pieces[0].Trim().Length == 0 || !ResolutionField.TryParseKind(pieces[1].Trim(), out var kind))
            {
                throw new UsageException($"--fields expects COL:KIND,... with KIND one of {string.Join(", ", Enum.GetValues<FieldKind>().Select(ResolutionField.NameOf))}; received '{part.Trim()}'.");
            }

            fields.Add((pieces[0].Trim(), kind));
        }

        return fields;
    }
}
