using System.Globalization;
using System.Text;
using System.Text.Json;
using Ecrm.Resolution;

namespace Ecrm.SampleHost.Rendering;

/// <summary>
/// What <c>resolve</c> prints after its first line: the fitted model (match rate, each comparison's m and u), the
/// warnings, and, when the truth is known, the blocking report (distinct pairs and recall per rule) and the accuracy;
/// and the explanation file of <c>--explain</c>.
/// </summary>
internal static class ResolutionSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task WriteAsync(TextWriter o, ResolutionResult result, BlockingReport? blocking, ResolutionAccuracy? accuracy)
    {
        await o.WriteLineAsync(string.Create(Invariant, $"Model: match rate {result.MatchRate:0.###e0} (two random records are one person), {result.ExpectedMatches:N0} expected matches among the candidate pairs."));
        foreach (var m in result.Model)
        {
            var fields = m.Fields.Count == 1 && m.Fields[0] == m.Name ? string.Empty : $" ({string.Join(", ", m.Fields)})";
            await o.WriteLineAsync(string.Create(Invariant, $"  {m.Name}{fields}, {(m.Fitted ? "fitted" : "defaults")}: ") + string.Join("; ", m.Levels.Select((l, i) => string.Create(Invariant, $"{l} m={m.M[i]:0.####} u={m.U[i]:0.######}"))));
        }

        if (blocking is not null)
        {
            await o.WriteLineAsync("Blocking: " + string.Join(", ", blocking.Rules.Select(r => string.Create(Invariant, $"{r.Name} {r.Pairs:N0} distinct pairs") + (r.Recall is { } recall ? string.Create(Invariant, $" (recall {recall:0.0000})") : string.Empty)))
                + (blocking.Recall is { } all ? string.Create(Invariant, $"; all passes {blocking.CandidatePairs:N0} pairs, recall {all:0.0000}.") : "."));
        }
        foreach (var w in result.Warnings)
        {
            await o.WriteLineAsync($"Warning ({w.Code}): {w.Message}");
        }

        if (accuracy is not null)
        {
            await o.WriteLineAsync(string.Create(Invariant, $"Accuracy: precision {accuracy.Precision:0.0000}, recall {accuracy.Recall:0.0000}, F1 {accuracy.F1:0.0000} ({accuracy.CorrectPairs:N0} of {accuracy.PredictedPairs:N0} predicted pairs correct; {accuracy.TruePairs:N0} true pairs)."));
        }
    }

    /// <summary>
    /// Writes the explanation of every automatic merge and every pair sent to review: JSON Lines for a .jsonl file, a
    /// JSON array for .json, the text waterfall otherwise.
    /// </summary>
    public static async Task<int> WriteExplanationsAsync(string path, ResolutionResult result, CancellationToken cancellationToken)
    {
        var decisions = result.Decisions;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var text = new StringBuilder();
        if (extension is ".jsonl" or ".json")
        {
            if (extension == ".json")
            {
                text.Append("[\n");
            }

            for (var i = 0; i < decisions.Count; i++)
            {
                text.Append(MatchWaterfall.ToJson(decisions[i]));
                text.Append(extension == ".json" && i < decisions.Count - 1 ? ",\n" : "\n");
            }

            if (extension == ".json")
            {
                text.Append("]\n");
            }
        }
        else
        {
            foreach (var d in decisions)
            {
                text.Append(MatchWaterfall.ToText(d)).Append('\n');
            }
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), cancellationToken);
        return decisions.Count;
    }
}
