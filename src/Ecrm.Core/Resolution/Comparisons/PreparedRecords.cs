namespace Ecrm.Resolution;

/// <summary>
/// Records normalised once, column by column, and the comparisons of the model over them: the agreement levels of any
/// two records, one per comparison.
/// </summary>
internal sealed class PreparedRecords
{
    private readonly int _given = -1;
    private readonly int _family = -1;

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

        Comparisons = Plan(Fields);
        for (var c = 0; c < Comparisons.Length; c++)
        {
            if (Comparisons[c] is FieldComparison { Kind: FieldKind.GivenName })
            {
                _given = c;
            }
            else if (Comparisons[c] is FieldComparison { Kind: FieldKind.FamilyName })
            {
                _family = c;
            }
        }

        foreach (var r in records)
        {
            Add(r);
        }
    }

    public ResolutionField[] Fields { get; }

    public FieldKind[] Kinds { get; }

    /// <summary>Gets the comparisons of the model, in the order of their first field.</summary>
    public Comparison[] Comparisons { get; }

    public List<string> Ids { get; } = [];

    /// <summary>Normalised values by field, then record (null = missing).</summary>
    public List<string?>[] Values { get; }

    /// <summary>For address fields: each value's sorted tokens, computed once.</summary>
    public List<string[]?>?[] Tokens { get; }

    public int Count => Ids.Count;

    /// <summary>
    /// The comparisons for these fields: the address parts (street number, street lines, locality, postcode, region)
    /// together as one; several fields of another kind as one comparison of alternatives; any other field alone.
    /// </summary>
    public static Comparison[] Plan(IReadOnlyList<ResolutionField> fields)
    {
        var planned = new List<(int First, Comparison Comparison)>();
        if (AddressComparison.For(fields) is { } address)
        {
            planned.Add((address.Fields.Min(), address));
        }

        foreach (var group in Enumerable.Range(0, fields.Count).Where(i => !IsAddressPart(fields[i].Kind)).GroupBy(i => fields[i].Kind))
        {
            var indexes = group.ToArray();
            planned.Add((indexes[0], indexes.Length == 1
                ? new FieldComparison(fields[indexes[0]], indexes[0])
                : new AlternativesComparison(string.Join("+", indexes.Select(i => fields[i].Name)), group.Key, indexes)));
        }

        return [.. planned.OrderBy(p => p.First).Select(p => p.Comparison)];
    }

    public int IndexOf(FieldKind kind) => Array.IndexOf(Kinds, kind);

    /// <summary>Checks that a record has an id and values (not their number: that needs the fields).</summary>
    /// <exception cref="EcrmException">A null record, or one without an id or values.</exception>
    public static void Check(ResolutionRecord? r, int position)
    {
        if (r is null || string.IsNullOrEmpty(r.Id) || r.Values is null)
        {
            throw new EcrmException($"Records: expected a record with an id and values, received {(r is null ? "null" : r.Values is null ? $"'{r.Id}' without values" : "a record without an id")} (record {position} of the input).");
        }
    }

    /// <summary>Normalises and appends a record; returns its index.</summary>
    public int Add(ResolutionRecord r)
    {
        Check(r, Ids.Count);
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

        var i = Ids.Count - 1;
        foreach (var c in Comparisons)
        {
            c.Add(this, i);
        }

        return i;
    }

    /// <summary>
    /// Agreement levels of two records per comparison (-1 = missing on either side). Given and family names are also
    /// compared crosswise, and the better reading wins: records often swap them.
    /// </summary>
    /// <returns>Whether the names were read crosswise (the given name of one against the family name of the other).</returns>
    /// <remarks>
    /// The levels are those of the pair read from its smaller index, whichever order the caller names the two: read
    /// crosswise, "the given name's level" depends on which record is read first, and two reads of one pair must agree.
    /// </remarks>
    public bool Compare(int a, int b, Span<int> levels)
    {
        if (a > b)
        {
            (a, b) = (b, a);
        }

        for (var c = 0; c < Comparisons.Length; c++)
        {
            levels[c] = Comparisons[c].Compare(this, a, b);
        }

        // The crosswise reading can only win when the direct one is not already close on both names, and is only tried
        // when a crosswise pair starts alike (a swap seldom comes with a typo in the first letter of both names).
        if (_given >= 0 && _family >= 0 && Math.Max(levels[_given], 0) + Math.Max(levels[_family], 0) < 4
            && CrossStartsAlike(Comparisons[_given].Fields[0], Comparisons[_family].Fields[0], a, b))
        {
            var given = Comparisons[_given].Fields[0];
            var family = Comparisons[_family].Fields[0];
            var crossGiven = Level(given, a, family, b);
            var crossFamily = Level(family, a, given, b);
            if (Math.Max(crossGiven, 0) + Math.Max(crossFamily, 0) > Math.Max(levels[_given], 0) + Math.Max(levels[_family], 0))
            {
                levels[_given] = crossGiven;
                levels[_family] = crossFamily;
                return true;
            }
        }

        return false;
    }

    /// <summary>The value record <paramref name="b"/> was compared on for comparison <paramref name="c"/>, read crosswise or not.</summary>
    public string? Counterpart(int c, int b, bool crosswise)
        => crosswise && c == _given ? Values[Comparisons[_family].Fields[0]][b]
            : crosswise && c == _family ? Values[Comparisons[_given].Fields[0]][b]
            : Comparisons[c].Describe(this, b);

    /// <summary>The comparison whose value of the other record was compared with comparison <paramref name="c"/>.</summary>
    public int CounterpartComparison(int c, bool crosswise)
        => crosswise && c == _given ? _family : crosswise && c == _family ? _given : c;

    /// <summary>Whether comparison <paramref name="c"/> is one of the two names that can be read crosswise.</summary>
    public bool IsCrosswiseName(int c) => c == _given || c == _family;

    /// <summary>The level of field <paramref name="fa"/> of record <paramref name="a"/> against field <paramref name="fb"/> of <paramref name="b"/> (same kind).</summary>
    public int Level(int fa, int a, int fb, int b)
    {
        var x = Values[fa][a];
        var y = Values[fb][b];
        return x is null || y is null ? -1 : FieldComparer.Compare(Kinds[fa], x, y, Tokens[fa]?[a], Tokens[fb]?[b]);
    }

    /// <summary>The best level between any field of <paramref name="fields"/> of one record and any of the other's (-1 = none to compare).</summary>
    public int BestLevel(int[] fields, int a, int b)
    {
        var best = -1;
        foreach (var x in fields)
        {
            foreach (var y in fields)
            {
                best = Math.Max(best, Level(x, a, y, b));
            }
        }

        return best;
    }

    private bool CrossStartsAlike(int given, int family, int a, int b)
    {
        static bool Alike(string? x, string? y) => x is { Length: > 0 } && y is { Length: > 0 } && x[0] == y[0];
        return Alike(Values[given][a], Values[family][b]) || Alike(Values[family][a], Values[given][b]);
    }

    private static bool IsAddressPart(FieldKind kind)
        => kind is FieldKind.StreetNumber or FieldKind.Address or FieldKind.City or FieldKind.Postcode or FieldKind.Region;
}
