using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecrm.Scoring;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>clv --transactions FILE --format cdnow|csv --calibration-end YYYY-MM-DD [--output FILE]</c>: fits BG/NBD,
/// Pareto/NBD and Gamma-Gamma on the calibration period (weeks) and prints their parameters and log-likelihoods as
/// one line of JSON. With <c>--output</c>, also writes each customer's predictions as CSV.
/// </summary>
internal static class ClvCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var path = line.Required("transactions");
        var format = line.Required("format");
        var endText = line.Required("calibration-end");
        var output = line.Optional("output");
        line.EnsureAllUsed();
        if (!DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            throw new UsageException($"--calibration-end expects a date YYYY-MM-DD, received '{endText}'.");
        }

        var purchases = PurchaseFile.Read(path, format);
        var summaries = PurchaseSummaries.Summarize(purchases, end);
        if (summaries.Count == 0)
        {
            throw new InputException($"{path}: expected purchases on or before {endText}, found none.");
        }

        BgNbdModel bg;
        ParetoNbdModel pareto;
        GammaGammaModel gg;
        try
        {
            bg = BgNbdModel.Fit(summaries.Values, cancellationToken);
            pareto = ParetoNbdModel.Fit(summaries.Values, cancellationToken);
            gg = GammaGammaModel.Fit(summaries.Values, cancellationToken);
        }
        catch (ModelFitException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        await console.Out.WriteLineAsync(ToJson(bg, pareto, gg));
        if (output is not null)
        {
            await WritePredictionsAsync(output, summaries, bg, gg, cancellationToken);
        }

        return 0;
    }

    internal static string ToJson(BgNbdModel bg, ParetoNbdModel pareto, GammaGammaModel gg)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("bgnbd");
            w.WriteNumber("r", bg.R);
            w.WriteNumber("alpha", bg.Alpha);
            w.WriteNumber("a", bg.A);
            w.WriteNumber("b", bg.B);
            w.WriteNumber("ll", bg.LogLikelihood);
            w.WriteEndObject();
            w.WriteStartObject("paretonbd");
            w.WriteNumber("r", pareto.R);
            w.WriteNumber("alpha", pareto.Alpha);
            w.WriteNumber("s", pareto.S);
            w.WriteNumber("beta", pareto.Beta);
            w.WriteNumber("ll", pareto.LogLikelihood);
            w.WriteEndObject();
            w.WriteStartObject("gammagamma");
            w.WriteNumber("p", gg.P);
            w.WriteNumber("q", gg.Q);
            w.WriteNumber("gamma", gg.Gamma);
            w.WriteNumber("ll", gg.LogLikelihood);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task WritePredictionsAsync(
        string path,
        IReadOnlyDictionary<string, PurchaseSummary> summaries,
        BgNbdModel bg,
        GammaGammaModel gg,
        CancellationToken cancellationToken)
    {
        var text = new StringBuilder("customer_id,frequency,recency,T,average_value,p_alive,expected_purchases_52w,expected_average_value,clv_12m\n");
        foreach (var (id, s) in summaries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            // 12 months of 52/12 weeks (52 weeks), discounted at 1% a month: the SDK's standard estimate.
            var e = LifetimeEstimate.Predict(bg, gg, s);
            text.Append(CultureInfo.InvariantCulture, $"{id},{s.Frequency},{s.Recency:0.####},{s.Age:0.####},{s.AverageValue:0.####},");
            text.Append(CultureInfo.InvariantCulture, $"{e.ProbabilityAlive:0.######},{e.ExpectedPurchases:0.######},{e.ExpectedAverageValue:0.####},{e.Value:0.####}\n");
        }

        try
        {
            await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {ex.Message}");
        }
    }
}
