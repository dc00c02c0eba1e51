using Ecrm.Resolution;

namespace Ecrm.Testing;

/// <summary>The one field configuration used on every Febrl data set (tests and benchmarks share it: nothing is tuned per set).</summary>
internal static class FebrlSchema
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
}
