using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ecrm.Scoring;
using Ecrm.Storage;

namespace Ecrm.Insights;

/// <summary>
/// The persisted form of <see cref="PopulationModels"/> (an <see cref="IDerivedStateStore"/> document named
/// <see cref="Name"/>): JSON, with the options the models depend on, so that a process configured otherwise (another
/// currency, other influence settings) does not use them. Influence scores are the document's per-customer values.
/// </summary>
internal static class PopulationDocument
{
    public const string Name = "insights.population";
    public const string Format = "ecrm.insights.population/1";

    /// <summary>What the models depend on besides the events: the currency of RFM and lifetime value, and the influence settings.</summary>
    public static string OptionsKey(InsightsOptions options)
    {
        var i = options.Influence;
        return string.Create(CultureInfo.InvariantCulture, $"{options.Currency}|{i.Damping:R}|{i.PageRankShare:R}|{i.Tolerance:R}|{i.MaxIterations}");
    }

    public static DerivedState Write(PopulationModels models, InsightsOptions options)
    {
        var (recency, frequency, monetary) = models.Rfm.CutPoints;
        var file = new PopulationFile
        {
            Options = OptionsKey(options),
            FittedAt = models.FittedAt,
            Population = models.Population,
            RfmCustomers = models.Rfm.Customers,
            Recency = recency,
            Frequency = frequency,
            Monetary = monetary,
            Lifetime = models.Lifetime is { } l ? [l.Purchases.R, l.Purchases.Alpha, l.Purchases.A, l.Purchases.B, l.Spend.P, l.Spend.Q, l.Spend.Gamma] : null,
            Influence = models.HasInfluence,
        };
        return new DerivedState(Name, Format, JsonSerializer.SerializeToUtf8Bytes(file, PopulationJsonContext.Default.PopulationFile));
    }

    /// <summary>Reads a document; null when it is of another format or was written under other options.</summary>
    /// <exception cref="JsonException">The payload is not a population document.</exception>
    public static PopulationModels? Read(DerivedState state, InsightsOptions options)
    {
        if (!string.Equals(state.Format, Format, StringComparison.Ordinal))
        {
            return null;
        }

        var file = JsonSerializer.Deserialize(state.Payload, PopulationJsonContext.Default.PopulationFile)
            ?? throw new JsonException("expected a population document, received null");
        if (!string.Equals(file.Options, OptionsKey(options), StringComparison.Ordinal))
        {
            return null;
        }

        if (file.Recency.Length > 4 || file.Frequency.Length > 4 || file.Monetary.Length > 4)
        {
            throw new JsonException($"expected at most 4 cut points per measure, received {file.Recency.Length}, {file.Frequency.Length}, {file.Monetary.Length}");
        }

        if (file.Lifetime is { Length: not 7 })
        {
            throw new JsonException($"expected 7 lifetime parameters, received {file.Lifetime.Length}");
        }

        var rfm = RfmModel.FromCutPoints(file.Recency, file.Frequency, file.Monetary, file.RfmCustomers);
        (BgNbdModel, GammaGammaModel)? lifetime = file.Lifetime is { } p
            ? (new BgNbdModel(p[0], p[1], p[2], p[3]), new GammaGammaModel(p[4], p[5], p[6]))
            : null;
        return new PopulationModels(rfm, lifetime, file.Influence, file.FittedAt, file.Population);
    }

    internal sealed class PopulationFile
    {
        public required string Options { get; init; }

        public DateTimeOffset FittedAt { get; init; }

        public int Population { get; init; }

        public int RfmCustomers { get; init; }

        public required double[] Recency { get; init; }

        public required double[] Frequency { get; init; }

        public required double[] Monetary { get; init; }

        public double[]? Lifetime { get; init; }

        public bool Influence { get; init; }
    }
}

/// <summary>Source-generated JSON of the population document.</summary>
[JsonSerializable(typeof(PopulationDocument.PopulationFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectNullableAnnotations = true)]
internal sealed partial class PopulationJsonContext : JsonSerializerContext;
