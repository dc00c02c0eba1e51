using Ecrm.Resolution;
using Ecrm.Testing;
using Ecrm.Testing.Population;

namespace Ecrm.Benchmarks.Accuracy;

/// <summary>The data sets of the accuracy report: Febrl (with field subsets, households added, originals only) and generated populations.</summary>
internal static class ResolutionScenarios
{
    public static readonly string[] Name = ["given_name", "surname"];

    public static readonly string[] AddressColumns = ["street_number", "address_1", "address_2", "suburb", "postcode", "state"];

    /// <summary>Field subsets that hold a name plus at least one of birth date, address or national id.</summary>
    public static readonly (string Label, string[] Columns)[] Subsets =
    [
        ("name + birth date", [.. Name, "date_of_birth"]),
        ("name + national id", [.. Name, "soc_sec_id"]),
        ("name + address", [.. Name, .. AddressColumns]),
        ("name + suburb, postcode, state", [.. Name, "suburb", "postcode", "state"]),
        ("name + street number, street", [.. Name, "street_number", "address_1"]),
        ("surname + birth date", ["surname", "date_of_birth"]),
        ("name + birth date + national id", [.. Name, "date_of_birth", "soc_sec_id"]),
        ("name + birth date + address", [.. Name, "date_of_birth", .. AddressColumns]),
        ("name + national id + address", [.. Name, "soc_sec_id", .. AddressColumns]),
        ("all ten Febrl fields", [.. FebrlSchema.Columns.Select(c => c.Column)]),
    ];

    /// <summary>A Febrl file as labelled records (all ten columns, in the Febrl schema's order).</summary>
    public static List<Labelled> Febrl(string file)
        => [.. PersonRecords.Febrl(file, string.Empty).Select(r => new Labelled(r.Id, r.Id.Split('-')[1], r.Id.Split('-')[1], [.. r.Values]))];

    /// <summary>Records restricted to some columns of a schema.</summary>
    public static List<ResolutionRecord> Project(IEnumerable<Labelled> records, IReadOnlyList<string> schema, IReadOnlyList<string> columns)
    {
        var indexes = columns.Select(c => IndexOf(schema, c)).ToArray();
        return [.. records.Select(r => new ResolutionRecord(r.Id, [.. indexes.Select(i => r.Values[i])]))];
    }

    public static ResolverOptions Options(IReadOnlyList<string> columns, Func<string, FieldKind> kindOf)
    {
        var options = new ResolverOptions();
        foreach (var c in columns)
        {
            options.Fields.Add(new ResolutionField(c, kindOf(c)));
        }

        return options;
    }

    public static FieldKind FebrlKind(string column) => FebrlSchema.Columns.Single(c => c.Column == column).Kind;

    public static FieldKind GeneratedKind(string column) => PopulationGenerator.Columns.Single(c => c.Column == column).Kind;

    public static string[] FebrlSchemaColumns => [.. FebrlSchema.Columns.Select(c => c.Column)];

    public static string[] GeneratedSchemaColumns => [.. PopulationGenerator.Columns.Select(c => c.Column)];

    /// <summary>
    /// Febrl records plus one household member for each of the first <paramref name="members"/> originals: the same
    /// surname and full address, another given name (from the data's own names), a new birth date and a new national
    /// id (the household test).
    /// </summary>
    public static List<Labelled> WithHouseholds(List<Labelled> febrl, int members, int seed)
    {
        var random = new Random(seed);
        var schema = FebrlSchemaColumns;
        int given = IndexOf(schema, "given_name"), birth = IndexOf(schema, "date_of_birth"), ssn = IndexOf(schema, "soc_sec_id");
        var originals = febrl.Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal)).ToList();
        var names = originals.Select(r => r.Values[given]).OfType<string>().Distinct().ToArray();
        var result = new List<Labelled>(febrl);
        for (var i = 0; i < members && i < originals.Count; i++)
        {
            var o = originals[i];
            var values = (string?[])o.Values.Clone();
            do
            {
                values[given] = names[random.Next(names.Length)];
            }
            while (values[given] == o.Values[given]);
            values[birth] = new DateOnly(1930, 1, 1).AddDays(random.Next(365 * 75)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            values[ssn] = random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new Labelled($"rec-h{i}-org", $"h{i}", o.Household, values));
        }

        return result;
    }

    public static List<Labelled> Generated(PopulationOptions options)
        => [.. PopulationGenerator.Generate(options).Select(r => new Labelled(r.Id, r.Person.ToString(System.Globalization.CultureInfo.InvariantCulture), "g" + r.Household.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Values))];

    private static int IndexOf(IReadOnlyList<string> schema, string column)
    {
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"column {column} not in the schema", nameof(column));
    }
}

/// <summary>A record with its truth: the person (entity) and the household it belongs to.</summary>
internal sealed record Labelled(string Id, string Entity, string Household, string?[] Values);
