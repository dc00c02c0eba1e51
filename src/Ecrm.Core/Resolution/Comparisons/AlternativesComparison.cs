namespace Ecrm.Resolution;

/// <summary>
/// Several fields of one kind (a mobile and a landline, two e-mail addresses) compared as one piece of evidence: the
/// best agreement between any value of one record and any of the other.
/// </summary>
internal sealed class AlternativesComparison : Comparison
{
    public AlternativesComparison(string name, FieldKind kind, int[] fields)
        : base(name, kind, fields, FieldComparer.LevelNames(kind))
    {
    }

    public override int Compare(PreparedRecords records, int a, int b) => records.BestLevel(Fields, a, b);

    public override string? Describe(PreparedRecords records, int record)
    {
        var values = Fields.Select(f => records.Values[f][record]).Where(v => v is not null).ToArray();
        return values.Length == 0 ? null : string.Join(" / ", values);
    }
}
