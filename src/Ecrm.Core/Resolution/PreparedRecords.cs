namespace Ecrm.Resolution;

/// <summary>Records normalised once, column by column, with the comparison of any two of them.</summary>
internal sealed class PreparedRecords
{
    private readonly int _given;
    private readonly int _family;

    public PreparedRecords(IReadOnlyList<ResolutionRecord> records, IList<ResolutionField> fields)
    {
        Fields = [.. fields];
        Kinds = [.. fields.Select(f => f.Kind)];
        Ids = new string[records.Count];
        Values = new string?[fields.Count][];
        for (var f = 0; f < fields.Count; f++)
        {
            Values[f] = new string?[records.Count];
        }

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Values.Count != fields.Count)
            {
                throw new EcrmException($"Record '{r.Id}': expected {fields.Count} values (one per field), received {r.Values.Count}.");
            }

            Ids[i] = r.Id;
            for (var f = 0; f < fields.Count; f++)
            {
                Values[f][i] = FieldComparer.Prepare(Kinds[f], r.Values[f]);
            }
        }

        _given = Array.IndexOf(Kinds, FieldKind.GivenName);
        _family = Array.IndexOf(Kinds, FieldKind.FamilyName);
    }

    public ResolutionField[] Fields { get; }

    public FieldKind[] Kinds { get; }

    public string[] Ids { get; }

    /// <summary>Normalised values by field, then record (null = missing).</summary>
    public string?[][] Values { get; }

    public int Count => Ids.Length;

    public int IndexOf(FieldKind kind) => Array.IndexOf(Kinds, kind);

    /// <summary>
    /// Agreement levels of two records per field (-1 = missing on either side). Given and family names are also
    /// compared crosswise, and the better reading wins: records often swap them.
    /// </summary>
    public void Compare(int a, int b, Span<int> levels)
    {
        for (var f = 0; f < Kinds.Length; f++)
        {
            levels[f] = Level(f, a, f, b);
        }

        if (_given >= 0 && _family >= 0)
        {
            var crossGiven = Level(_given, a, _family, b);
            var crossFamily = Level(_family, a, _given, b);
            if (Math.Max(crossGiven, 0) + Math.Max(crossFamily, 0) > Math.Max(levels[_given], 0) + Math.Max(levels[_family], 0))
            {
                levels[_given] = crossGiven;
                levels[_family] = crossFamily;
            }
        }
    }

    private int Level(int fa, int a, int fb, int b)
    {
        var x = Values[fa][a];
        var y = Values[fb][b];
        return x is null || y is null ? -1 : FieldComparer.Compare(Kinds[fa], x, y);
    }
}
