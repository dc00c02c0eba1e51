using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ecrm.Resolution;

/// <summary>
/// A decision's match weight as a waterfall a person can check: the prior (two random records are the same person),
/// then each comparison's contribution in bits in the comparisons' order with the running total, and the
/// probability the total gives; as text and as JSON.
/// </summary>
public static class MatchWaterfall
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The waterfall as text, one line per step.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>Lines ending in a newline.</returns>
    public static string ToText(MatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var text = new StringBuilder();
        text.Append(Invariant, $"{decision.LeftId} ~ {decision.RightId}: {Outcome(decision)}, p = {decision.Probability:0.######}\n");
        var total = decision.PriorWeight;
        text.Append(Invariant, $"  {"prior",-18} {string.Empty,-9} {decision.PriorWeight,8:+0.00;-0.00} {total,8:+0.00;-0.00}  two random records are one person with p = {MatchModel.Probability(decision.PriorWeight):0.###e0}\n");
        foreach (var e in decision.Evidence)
        {
            total += e.Weight;
            var frequency = (e.TermFrequencyWeight < 0 ? string.Create(Invariant, $" (common value: {e.TermFrequencyWeight:+0.00;-0.00})") : string.Empty)
                + (e.ReadCrosswise ? " (names read crosswise)" : string.Empty);
            text.Append(Invariant, $"  {e.Field,-18} {e.Level,-9} {e.Weight,8:+0.00;-0.00} {total,8:+0.00;-0.00}  {Quote(e.Left)} | {Quote(e.Right)}{frequency}\n");
        }

        text.Append(Invariant, $"  {"= total",-18} {string.Empty,-9} {string.Empty,8} {total,8:+0.00;-0.00}  p = 1 / (1 + 2^-total) = {decision.Probability:0.######}\n");
        if (decision.KeptApartBecause is { } reason)
        {
            text.Append("  kept apart: ").Append(reason).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the waterfall as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="decision">The decision.</param>
    public static void WriteJson(Utf8JsonWriter writer, MatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decision);
        writer.WriteStartObject();
        writer.WriteString("left", decision.LeftId);
        writer.WriteString("right", decision.RightId);
        writer.WriteString("outcome", decision.Outcome switch { MatchOutcome.Match => "match", MatchOutcome.Review => "review", _ => "non-match" });
        writer.WriteNumber("probability", Math.Round(decision.Probability, 8));
        writer.WriteNumber("priorBits", Math.Round(decision.PriorWeight, 4));
        writer.WriteNumber("evidenceBits", Math.Round(decision.Weight, 4));
        writer.WriteNumber("totalBits", Math.Round(decision.PriorWeight + decision.Weight, 4));
        if (decision.KeptApartBecause is { } reason)
        {
            writer.WriteString("keptApartBecause", reason);
        }

        writer.WriteStartArray("steps");
        var total = decision.PriorWeight;
        foreach (var e in decision.Evidence)
        {
            total += e.Weight;
            writer.WriteStartObject();
            writer.WriteString("comparison", e.Field);
            writer.WriteString("level", e.Level);
            writer.WriteNumber("bits", Math.Round(e.Weight, 4));
            writer.WriteNumber("termFrequencyBits", Math.Round(e.TermFrequencyWeight, 4));
            if (e.ReadCrosswise)
            {
                writer.WriteBoolean("readCrosswise", true);
            }

            writer.WriteNumber("totalBits", Math.Round(total, 4));
            Value(writer, "left", e.Left);
            Value(writer, "right", e.Right);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The waterfall as a JSON string (one object, no indentation).</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(MatchDecision decision)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, decision);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Outcome(MatchDecision d) => d.Outcome switch
    {
        MatchOutcome.Match => "match",
        MatchOutcome.Review when d.KeptApartBecause is not null => "review (kept apart)",
        MatchOutcome.Review => "review",
        _ => "non-match",
    };

    private static string Quote(string? value) => value is null ? "(missing)" : "\"" + value + "\"";

    private static void Value(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
