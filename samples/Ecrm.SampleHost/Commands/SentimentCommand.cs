using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ecrm.Listening;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>sentiment --input FILE --text-column NAME [--label-column NAME] [--train FILE] [--model FILE] --output FILE.csv</c>:
/// scores each row's text and writes <c>row,label,score</c>; with labels, prints the accuracy. With <c>--train</c> a model
/// is trained first (and saved to <c>--model</c>); with only <c>--model</c> a saved model is loaded; with neither, the
/// zero-configuration lexicon analyzer scores.
/// </summary>
internal static class SentimentCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var input = line.Required("input");
        var textColumn = line.Required("text-column");
        var labelColumn = line.Optional("label-column");
        var train = line.Optional("train");
        var modelPath = line.Optional("model");
        var output = line.Required("output");
        line.EnsureAllUsed();
        if (train is not null && labelColumn is null)
        {
            throw new UsageException("--train needs --label-column: the training file's labels are read from that column.");
        }

        var o = console.Out;
        ISentimentAnalyzer analyzer;
        string description;
        if (train is not null)
        {
            var (header, rows) = await DelimitedFile.ReadAsync(train, cancellationToken);
            var text = DelimitedFile.Column(header, textColumn, "--text-column", train);
            var label = DelimitedFile.Column(header, labelColumn!, "--label-column", train);
            var examples = new List<(string Text, bool Positive)>(rows.Count);
            foreach (var (number, values) in rows)
            {
                if (Label(values, label, train, number) is { } positive && Field(values, text) is { Length: > 0 } t)
                {
                    examples.Add((t, positive));
                }
            }

            var watch = Stopwatch.StartNew();
            SentimentModel model;
            try
            {
                model = SentimentModel.Train(examples);
            }
            catch (EcrmException ex)
            {
                throw new InputException($"{train}: {ex.Message}");
            }

            var saved = string.Empty;
            if (modelPath is not null)
            {
                try
                {
                    await using var stream = File.Create(modelPath);
                    model.Save(stream);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"cannot write '{modelPath}': {ex.Message}");
                }

                saved = $"; saved it to {modelPath}";
            }

            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Trained a sentiment model on {examples.Count:N0} labelled rows of {train} ({examples.Count(e => e.Positive):N0} positive) in {watch.Elapsed.TotalSeconds:F1} s{saved}."));
            (analyzer, description) = (model, $"the model trained on {train}");
        }
        else if (modelPath is not null)
        {
            try
            {
                await using var stream = File.OpenRead(modelPath);
                analyzer = SentimentModel.Load(stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EcrmException)
            {
                throw new InputException($"cannot load the model '{modelPath}': {ex.Message}");
            }

            description = $"the model {modelPath}";
        }
        else
        {
            (analyzer, description) = (LexiconSentimentAnalyzer.Default, "the zero-configuration lexicon analyzer");
        }

        await ScoreAsync(input, textColumn, labelColumn, output, analyzer, description, console, cancellationToken);
        return 0;
    }

    private static async Task ScoreAsync(string input, string textColumn, string? labelColumn, string output, ISentimentAnalyzer analyzer, string description, HostConsole console, CancellationToken cancellationToken)
    {
        var (header, rows) = await DelimitedFile.ReadAsync(input, cancellationToken);
        var text = DelimitedFile.Column(header, textColumn, "--text-column", input);
        var label = labelColumn is null ? -1 : DelimitedFile.Column(header, labelColumn, "--label-column", input);
        var csv = new StringBuilder("row,label,score\n");
        int labelled = 0, correct = 0, row = 0;
        var watch = Stopwatch.StartNew();
        foreach (var (number, values) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = analyzer.Analyze(Field(values, text) ?? string.Empty);
            csv.Append(CultureInfo.InvariantCulture, $"{++row},{result.Label},{result.Score:F4}\n");
            if (label >= 0 && Label(values, label, input, number) is { } positive)
            {
                labelled++;
                correct += positive == (result.Label == 1) ? 1 : 0;
            }
        }

        var elapsed = watch.Elapsed;
        try
        {
            await File.WriteAllTextAsync(output, csv.ToString(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{output}': {ex.Message}");
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Scored {row:N0} rows of {input} with {description} in {elapsed.TotalSeconds:F2} s; wrote {output}."));
        if (labelled > 0)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Accuracy: {100.0 * correct / labelled:F2}% ({correct:N0} of {labelled:N0} labelled rows)."));
        }
    }

    private static string? Field(string[] values, int index) => index < values.Length ? values[index] : null;

    /// <summary>A row's label: 1 / positive / pos / true, 0 / negative / neg / false; empty or missing is unlabelled.</summary>
    private static bool? Label(string[] values, int index, string path, int line) =>
        Field(values, index)?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "1" or "positive" or "pos" or "true" => true,
            "0" or "negative" or "neg" or "false" => false,
            var other => throw new InputException($"{path} line {line}: expected a label 1 or 0 (or positive / negative), received '{other}'."),
        };
}
