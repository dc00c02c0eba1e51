using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ecrm.Recommendations;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>rules --baskets FILE --min-support S --min-confidence C --output FILE.csv [--max-items N]</c>: mines the
/// association rules of a basket file (one basket per line, items separated by commas) and writes
/// <c>antecedent,consequent,support,confidence,lift</c> (antecedent items joined by <c>|</c>), printing the rule count.
/// </summary>
internal static class RulesCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var path = line.Required("baskets");
        var minSupport = Share(line.Required("min-support"), "--min-support", allowZero: false);
        var minConfidence = Share(line.Required("min-confidence"), "--min-confidence", allowZero: true);
        var output = line.Required("output");
        var maxItems = line.Int("max-items", 10, 2, 64);
        line.EnsureAllUsed();

        var baskets = await ReadBasketsAsync(path, cancellationToken);
        var watch = Stopwatch.StartNew();
        var mined = AssociationRuleSet.Mine(baskets, new AssociationRuleOptions { MinSupport = minSupport, MinConfidence = minConfidence, MaxItems = maxItems });
        var elapsed = watch.Elapsed;

        var csv = new StringBuilder("antecedent,consequent,support,confidence,lift\n");
        foreach (var rule in mined.Rules)
        {
            csv.Append(Field(string.Join('|', rule.Antecedent))).Append(',').Append(Field(rule.Consequent)).Append(',')
                .Append(rule.Support.ToString("G6", CultureInfo.InvariantCulture)).Append(',')
                .Append(rule.Confidence.ToString("G6", CultureInfo.InvariantCulture)).Append(',')
                .Append(rule.Lift.ToString("G6", CultureInfo.InvariantCulture)).Append('\n');
        }

        try
        {
            await File.WriteAllTextAsync(output, csv.ToString(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{output}': {ex.Message}");
        }

        var o = console.Out;
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Rules: {mined.Rules.Count}"));
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Mined {mined.Baskets:N0} baskets of {mined.Items:N0} items (support >= {minSupport}, confidence >= {minConfidence}, up to {maxItems} items per rule): {mined.Itemsets.Count:N0} frequent itemsets in {elapsed.TotalMilliseconds:F0} ms; wrote {output}."));
        foreach (var rule in mined.Rules.Take(3))
        {
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {{{string.Join(", ", rule.Antecedent)}}} => {rule.Consequent}  support {rule.Support:F4}, confidence {rule.Confidence * 100:F0}%, lift {rule.Lift:F2}"));
        }

        return 0;
    }

    /// <summary>One basket per non-blank line, items separated by commas and trimmed (surrounding quotes removed).</summary>
    internal static async Task<List<string[]>> ReadBasketsAsync(string path, CancellationToken cancellationToken)
    {
        var baskets = new List<string[]>();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                baskets.Add([.. text.Split(',').Select(i => i.Trim().Trim('"').Trim()).Where(i => i.Length > 0)]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {ex.Message}");
        }

        if (baskets.Count == 0)
        {
            throw new InputException($"{path}: expected one basket per line (items separated by commas), received no baskets.");
        }

        return baskets;
    }

    private static double Share(string text, string option, bool allowZero)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value <= 1) || !(allowZero ? value >= 0 : value > 0))
        {
            throw new UsageException($"{option}: expected a share {(allowZero ? "from 0" : "above 0")} to 1 such as 0.001, received '{text}'.");
        }

        return value;
    }

    private static string Field(string value) => value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
