namespace Ecrm.Resolution;

/// <summary>
/// The parts of an address (street number, street lines, locality, postcode, region) compared as one piece of
/// evidence, because they are not independent: two records at one address agree on all of them at once, and counting
/// each agreement again would count one fact five times. Levels, weakest first, as far as the fields present allow:
/// different, region (only the region agrees), area (the postcode or locality agrees), street (the street agrees,
/// with at most a typo in the number), exact (the same street and number in an area that does not disagree).
/// </summary>
internal sealed class AddressComparison : Comparison
{
    private const int Missing = -1;
    private readonly int[] _numbers;
    private readonly int[] _streets;
    private readonly int[] _localities;
    private readonly int[] _postcodes;
    private readonly int[] _regions;
    private readonly int _region;
    private readonly int _area;
    private readonly int _street;
    private readonly int _exact;
    private readonly List<string?> _streetText = [];
    private readonly List<string[]?> _streetTokens = [];

    private AddressComparison(int[] fields, string[] levels, int[] numbers, int[] streets, int[] localities, int[] postcodes, int[] regions)
        : base("address", FieldKind.Address, fields, levels)
    {
        _numbers = numbers;
        _streets = streets;
        _localities = localities;
        _postcodes = postcodes;
        _regions = regions;
        _region = Array.IndexOf(levels, "region");
        _area = Array.IndexOf(levels, "area");
        _street = Array.IndexOf(levels, "street");
        _exact = Array.IndexOf(levels, "exact");
    }

    /// <summary>The address comparison over the address fields among <paramref name="fields"/>, or null when there are none.</summary>
    public static AddressComparison? For(IReadOnlyList<ResolutionField> fields)
    {
        int[] Of(FieldKind kind) => [.. Enumerable.Range(0, fields.Count).Where(i => fields[i].Kind == kind)];
        var numbers = Of(FieldKind.StreetNumber);
        var streets = Of(FieldKind.Address);
        var localities = Of(FieldKind.City);
        var postcodes = Of(FieldKind.Postcode);
        var regions = Of(FieldKind.Region);
        int[] all = [.. numbers, .. streets, .. localities, .. postcodes, .. regions];
        if (all.Length == 0)
        {
            return null;
        }

        var levels = new List<string> { "different" };
        if (regions.Length > 0)
        {
            levels.Add("region");
        }

        if (localities.Length + postcodes.Length + streets.Length > 0)
        {
            levels.Add("area");
        }

        if (streets.Length > 0)
        {
            levels.Add("street");
        }

        if (streets.Length > 0 || (numbers.Length > 0 && postcodes.Length > 0))
        {
            levels.Add("exact");
        }

        Array.Sort(all);
        return new AddressComparison(all, [.. levels], numbers, streets, localities, postcodes, regions);
    }

    public override void Add(PreparedRecords records, int record)
    {
        string? text = null;
        foreach (var f in _streets)
        {
            if (records.Values[f][record] is { } line)
            {
                text = text is null ? line : text + " " + line;
            }
        }

        _streetText.Add(text);
        _streetTokens.Add(text is null ? null : Similarity.Tokens(text));
    }

    public override int Compare(PreparedRecords records, int a, int b)
    {
        // The area first: when it disagrees, only the region can still agree, and the street (the costly part) is
        // never compared. Postcode and number: 2 exact, 1 one edit; locality: 2 exact, 1 close; street: 3 exact,
        // 2 close, 1 similar.
        var postcode = records.BestLevel(_postcodes, a, b);
        var locality = postcode == 2 ? 2 : records.BestLevel(_localities, a, b); // an exact postcode settles the area
        var areaComparable = locality != Missing || postcode != Missing;
        var areaAgrees = postcode == 2 || locality == 2 || (postcode == 1 && locality >= 1);
        var areaDisagrees = areaComparable && postcode < 1 && locality < 1;
        if (areaDisagrees)
        {
            return _region >= 0 && records.BestLevel(_regions, a, b) == 1 ? _region : 0;
        }

        var street = _streetText[a] is { } x && _streetText[b] is { } y
            ? FieldComparer.Compare(FieldKind.Address, x, y, _streetTokens[a], _streetTokens[b])
            : Missing;
        var number = records.BestLevel(_numbers, a, b);
        if (_exact >= 0 && (number is 2 or Missing) && (street == 3 || (street == Missing && _streets.Length == 0 && number == 2 && postcode == 2)))
        {
            return _exact;
        }

        // A number one edit off is a typo when it is long, but often the house next door when it has one or two digits.
        if (_street >= 0 && street >= 2 && (number is 2 or Missing || (number == 1 && ShortestNumber(records, a, b) >= 3)))
        {
            return _street;
        }

        if (_area >= 0 && (areaAgrees || street >= 1))
        {
            return _area;
        }

        var region = records.BestLevel(_regions, a, b);
        if (region == Missing && street == Missing && number == Missing && !areaComparable)
        {
            return Missing;
        }

        return _region >= 0 && region == 1 ? _region : 0;
    }

    public override string? Describe(PreparedRecords records, int record)
    {
        var parts = new List<string>();
        var line = string.Join(" ", new[] { First(records, _numbers, record), _streetText[record] }.Where(v => v is not null));
        if (line.Length > 0)
        {
            parts.Add(line);
        }

        var area = string.Join(" ", new[] { First(records, _localities, record), First(records, _postcodes, record), First(records, _regions, record) }.Where(v => v is not null));
        if (area.Length > 0)
        {
            parts.Add(area);
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    public override string? TermKey(PreparedRecords records, int record)
        => _streetText[record] is { } street ? string.Concat(First(records, _numbers, record), "|", street, "|", First(records, _postcodes, record) ?? First(records, _localities, record)) : null;

    private int ShortestNumber(PreparedRecords records, int a, int b)
        => Math.Min(First(records, _numbers, a)?.Length ?? 0, First(records, _numbers, b)?.Length ?? 0);

    private static string? First(PreparedRecords records, int[] fields, int record)
    {
        foreach (var f in fields)
        {
            if (records.Values[f][record] is { } v)
            {
                return v;
            }
        }

        return null;
    }
}
