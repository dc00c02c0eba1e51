using Ecrm.Resolution;
using Ecrm.Testing.Population;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Generated populations as resolver input, with their truth (person and household of every record).</summary>
internal sealed class Populations
{
    private Populations(List<GeneratedRecord> generated, string[] columns)
    {
        Generated = generated;
        Columns = columns;
        Records = PopulationGenerator.ToResolution(generated, columns);
        Person = generated.ToDictionary(r => r.Id, r => r.Person.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public static string[] All => [.. PopulationGenerator.Columns.Select(c => c.Column)];

    public static string[] Febrl => [.. FebrlSchema.Columns.Select(c => c.Column)];

    public List<GeneratedRecord> Generated { get; }

    public string[] Columns { get; }

    public List<ResolutionRecord> Records { get; }

    public Dictionary<string, string> Person { get; }

    public ResolverOptions Options() => PopulationGenerator.Options(Columns);

    public static Populations Of(PopulationOptions options, params string[] columns)
        => new(PopulationGenerator.Generate(options), columns.Length == 0 ? All : columns);

    public ResolutionAccuracy Accuracy(IReadOnlyDictionary<string, string> clusterOf) => ResolutionAccuracy.Of(clusterOf, id => Person[id]);

    /// <summary>The share of pairs of different people of one household that are in different clusters.</summary>
    public double HouseholdsKeptApart(IReadOnlyDictionary<string, string> clusterOf)
    {
        var (pairs, apart) = HouseholdPairs.Count(Generated.Select(r => (r.Id, r.Person.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Household.ToString(System.Globalization.CultureInfo.InvariantCulture))), clusterOf);
        return pairs == 0 ? 1 : (double)apart / pairs;
    }
}
