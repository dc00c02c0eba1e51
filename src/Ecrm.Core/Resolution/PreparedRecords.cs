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
        Values = new List<string?>[fields.Count];
        Tokens = new List<string[]?>?[fields.Count];
        for (var f = 0; f < fields.Count; f++)
        {
            Values[f] = new List<string?>(records.Count);
            Tokens[f] = Kinds[f] == FieldKind.Address ? new List<string[]?>(records.Count) : null;
        }

        foreach (var r in records)
        {
            Add(r);
        }

        _given = Array.IndexOf(Kinds, FieldKind.GivenName);
        _family = Array.IndexOf(Kinds, FieldKind.FamilyName);
    }

    /// <summary>Normalises and appends a record; returns its index.</summary>
    public int Add(ResolutionRecord r)
    {
        if (r.Values.Count != Fields.Length)
        {
            throw new EcrmException($"Record '{r.Id}': expected {Fields.Length} values (one per field), received {r.Values.Count}.");
        }

        Ids.Add(r.Id);
        for (var f = 0; f < Fields.Length; f++)
        {
            var value = FieldComparer.Prepare(Kinds[f], r.Values[f]);
            Values[f].Add(value);
            Tokens[f]?.Add(value is null ? null : Similarity.Tokens(value));
        }

        return Ids.Count - 1;
    }

    public ResolutionField[] Fields { get; }

    public FieldKind[] Kinds { get; }

    public List<string> Ids { get; } = [];

    /// <summary>Normalised values by field, then record (null = missing).</summary>
    public List<string?>[] Values { get; }

    /// <summary>For address fields: each value's sorted tokens, computed once.</summary>
    public List<string[]?>?[] Tokens { get; }

    public int Count => Ids.Count;

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

        // The crosswise reading can only win when the direct one is not already close on both names.
        if (_given >= 0 && _family >= 0 && Math.Max(levels[_given], 0) + Math.Max(levels[_family], 0) < 4)
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
        return x is null || y is null ? -1 : FieldComparer.Compare(Kinds[fa], x, y, Tokens[fa]?[a], Tokens[fb]?[b]);
    }
}
