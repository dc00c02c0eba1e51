namespace Ecrm.Resolution;

/// <summary>A comparison of one field, with the levels of its kind (<see cref="FieldComparer"/>).</summary>
internal sealed class FieldComparison : Comparison
{
    private readonly int _field;

    public FieldComparison(ResolutionField field, int index)
        : base(field.Name, field.Kind, [index], FieldComparer.LevelNames(field.Kind))
    {
        _field = index;
    }

    public override bool TopLevelIsEquality => true;

    public override int Compare(PreparedRecords records, int a, int b) => records.Level(_field, a, _field, b);

    public override string? Describe(PreparedRecords records, int record) => records.Values[_field][record];

    public override string? TermKey(PreparedRecords records, int record) => records.Values[_field][record];
}
