using System.Globalization;
using System.Text;
using Ecrm.Resolution;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>resolve --input FILE.csv --id-column NAME --fields COL:KIND,... --output FILE.csv</c>: clusters the records of a
/// CSV file into people and writes <c>record_id,cluster_id</c>, one row per input record.
/// </summary>
internal static class ResolveCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var input = line.Required("input");
        var idColumn = line.Required("id-column");
        var fieldsText = line.Required("fields");
        var output = line.Required("output");
        line.EnsureAllUsed();

        var fields = ParseFields(fieldsText);
        var (header, rows) = await DelimitedFile.ReadAsync(input, cancellationToken);
        var idIndex = DelimitedFile.Column(header, idColumn, "--id-column", input);

        var options = new ResolverOptions();
        var indexes = new List<int>();
        foreach (var (column, kind) in fields)
        {
            indexes.Add(DelimitedFile.Column(header, column, "--fields:", input));
            options.Fields.Add(new ResolutionField(column, kind));
        }

        var records = new List<ResolutionRecord>(rows.Count);
        foreach (var (number, values) in rows)
        {
            if (values.Length != header.Count)
            {
                throw new InputException($"{input} line {number}: expected {header.Count} fields like the header, received {values.Length}.");
            }

            records.Add(new ResolutionRecord(values[idIndex], [.. indexes.Select(i => values[i].Length == 0 ? null : values[i])]));
        }

        ResolutionResult result;
        try
        {
            result = IdentityResolver.Resolve(records, options, cancellationToken);
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

        try
        {
            await File.WriteAllTextAsync(output, text.ToString(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{output}': {ex.Message}");
        }

        var review = result.Decisions.Count(d => d.Outcome == MatchOutcome.Review);
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Resolved {records.Count:N0} records into {result.ClusterCount:N0} clusters: {result.CandidatePairs:N0} candidate pairs ({string.Join(", ", result.BlockingPasses.Select(p => $"{p.Name} {p.Pairs:N0}"))}), {result.Decisions.Count - review:N0} matches, {review:N0} to review; wrote {output}."));
        return 0;
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
