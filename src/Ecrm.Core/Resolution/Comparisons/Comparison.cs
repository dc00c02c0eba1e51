namespace Ecrm.Resolution;

/// <summary>
/// One piece of evidence of the model: a field, or several fields that describe one thing (the parts of an address),
/// compared into agreement levels from "different" (0) to the strongest agreement (<see cref="Levels"/> - 1). The
/// model treats comparisons, not fields, as independent given match status.
/// </summary>
internal abstract class Comparison
{
    protected Comparison(string name, FieldKind kind, int[] fields, string[] levelNames)
    {
        Name = name;
        Kind = kind;
        Fields = fields;
        LevelNames = levelNames;
    }

    /// <summary>Gets the comparison's name: the field's name, or "address" for the address parts together.</summary>
    public string Name { get; }

    /// <summary>Gets the kind of its fields (<see cref="FieldKind.Address"/> for the address parts).</summary>
    public FieldKind Kind { get; }

    /// <summary>Gets the indexes of the record fields it reads.</summary>
    public int[] Fields { get; }

    /// <summary>Gets the level names, weakest first.</summary>
    public string[] LevelNames { get; }

    public int Levels => LevelNames.Length;

    /// <summary>Gets whether the top level means equal prepared values, so its u can be counted from value frequencies.</summary>
    public virtual bool TopLevelIsEquality => false;

    /// <summary>Prepares whatever the comparison derives from a newly added record (values are already normalised).</summary>
    public virtual void Add(PreparedRecords records, int record)
    {
    }

    /// <summary>The agreement level of two records, or -1 when either side has nothing to compare.</summary>
    public abstract int Compare(PreparedRecords records, int a, int b);

    /// <summary>The record's value as a person reads it in evidence (null = missing).</summary>
    public abstract string? Describe(PreparedRecords records, int record);

    /// <summary>The key whose frequency adjusts an agreement at the top level (null: no adjustment for this record).</summary>
    public virtual string? TermKey(PreparedRecords records, int record) => null;
}
