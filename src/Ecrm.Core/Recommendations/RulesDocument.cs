using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ecrm.Storage;

namespace Ecrm.Recommendations;

/// <summary>
/// The persisted form of <see cref="MinedRules"/> (an <see cref="IDerivedStateStore"/> document named
/// <see cref="Name"/>): JSON, with the mining options, so that a process configured otherwise does not use them. It
/// holds SKUs, names, categories and counts only: nothing about a customer.
/// </summary>
internal static class RulesDocument
{
    public const string Name = "recommendations.rules";
    public const string Format = "ecrm.recommendations.rules/1";

    public static string OptionsKey(RecommendationOptions o)
        => string.Create(CultureInfo.InvariantCulture, $"{o.MinSupport:R}|{o.MinConfidence:R}|{o.MaxRuleItems}");

    public static DerivedState Write(MinedRules rules, RecommendationOptions options, long storeEvents)
    {
        var file = new RulesFile
        {
            Options = OptionsKey(options),
            StoreEvents = storeEvents,
            At = rules.At,
            Baskets = rules.Baskets,
            Rules = [.. rules.Rules.Select(r => new RuleRow(r.Antecedent, r.Consequent, r.Support, r.Confidence, r.Lift, r.Count))],
            TopByCategory = rules.TopByCategory,
            Top = rules.Top,
            TopCounts = rules.TopCounts,
            Catalogue = rules.Catalogue.ToDictionary(p => p.Key, p => new[] { p.Value.Name, p.Value.Category }, StringComparer.Ordinal),
        };
        return new DerivedState(Name, Format, JsonSerializer.SerializeToUtf8Bytes(file, RulesJsonContext.Default.RulesFile));
    }

    /// <summary>Reads a document; null when it is of another format or was mined under other options.</summary>
    /// <exception cref="JsonException">The payload is not a rules document.</exception>
    public static MinedRules? Read(DerivedState state, RecommendationOptions options)
    {
        if (!string.Equals(state.Format, Format, StringComparison.Ordinal))
        {
            return null;
        }

        var file = JsonSerializer.Deserialize(state.Payload, RulesJsonContext.Default.RulesFile)
            ?? throw new JsonException("expected a rules document, received null");
        if (!string.Equals(file.Options, OptionsKey(options), StringComparison.Ordinal))
        {
            return null;
        }

        var catalogue = new Dictionary<string, CatalogueItem>(StringComparer.Ordinal);
        foreach (var (sku, pair) in file.Catalogue)
        {
            catalogue[sku] = pair is { Length: 2 } ? new CatalogueItem(pair[0], pair[1]) : throw new JsonException($"catalogue entry '{sku}': expected [name, category], received {(pair is null ? "null" : $"{pair.Length} values")}");
        }

        var rules = file.Rules.Select(r => r is { Antecedent: { Count: > 0 } antecedent, Consequent: not null } && antecedent.All(a => a is not null)
            ? new AssociationRule(r.Antecedent, r.Consequent, r.Support, r.Confidence, r.Lift, r.Count)
            : throw new JsonException("a rule: expected an antecedent and a consequent, received a rule without")).ToList();
        if (file.Top.Any(s => s is null) || file.TopByCategory.Values.Any(v => v is null || v.Any(s => s is null)))
        {
            throw new JsonException("best sellers: expected SKUs, received null");
        }
        return new MinedRules(null, rules, file.TopByCategory, file.Top, file.TopCounts, file.Baskets, catalogue, file.At) { StoreEvents = file.StoreEvents };
    }

    internal sealed record RuleRow(IReadOnlyList<string> Antecedent, string Consequent, double Support, double Confidence, double Lift, int Count);

    internal sealed class RulesFile
    {
        public required string Options { get; init; }

        public DateTimeOffset At { get; init; }

        public long StoreEvents { get; init; }

        public int Baskets { get; init; }

        public required IReadOnlyList<RuleRow> Rules { get; init; }

        public required IReadOnlyDictionary<string, IReadOnlyList<string>> TopByCategory { get; init; }

        public required IReadOnlyList<string> Top { get; init; }

        public required IReadOnlyDictionary<string, int> TopCounts { get; init; }

        public required Dictionary<string, string?[]> Catalogue { get; init; }
    }
}

/// <summary>Source-generated JSON of the rules document.</summary>
[JsonSerializable(typeof(RulesDocument.RulesFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true)]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
