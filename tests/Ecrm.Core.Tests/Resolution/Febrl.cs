using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>The Febrl data sets with the one field configuration used everywhere (nothing tuned per data set).</summary>
internal static class Febrl
{
    public static readonly (string Column, FieldKind Kind)[] Columns =
    [
        ("given_name", FieldKind.GivenName), ("surname", FieldKind.FamilyName), ("street_number", FieldKind.StreetNumber),
        ("address_1", FieldKind.Address), ("address_2", FieldKind.Address), ("suburb", FieldKind.City),
        ("postcode", FieldKind.Postcode), ("state", FieldKind.Region), ("date_of_birth", FieldKind.BirthDate),
        ("soc_sec_id", FieldKind.NationalId),
    ];

    public static ResolverOptions Options()
    {
        var o = new ResolverOptions();
        foreach (var (column, kind) in Columns)
        {
            o.Fields.Add(new ResolutionField(column, kind));
        }

        return o;
    }

    public static List<ResolutionRecord> Load(string file)
    {
        var lines = File.ReadAllLines(TestPaths.Fixture("febrl/" + file));
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        var indexes = Columns.Select(c => header.IndexOf(c.Column)).ToArray();
        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',').Select(v => v.Trim()).ToArray();
            return new ResolutionRecord(f[0], [.. indexes.Select(i => f[i].Length == 0 ? null : f[i])]);
        })];
    }

    /// <summary>rec-N-org and rec-N-dup-K are the same person N.</summary>
    public static string EntityOf(string recordId) => recordId.Split('-')[1];
}
