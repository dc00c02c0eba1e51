using System.Runtime.InteropServices;

namespace Ecrm.Segments;

/// <summary>A dictionary-encoded text column: code 0 is "missing".</summary>
internal sealed class TextColumn
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    public int[] Codes { get; private set; } = new int[16];

    /// <summary>The distinct values; index = code (index 0 unused).</summary>
    public List<string> Values { get; } = [string.Empty];

    public void Set(int row, string? value)
    {
        Grow(row);
        if (value is null)
        {
            Codes[row] = 0;
            return;
        }

        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(_codes, value, out var exists);
        if (!exists)
        {
            code = Values.Count;
            Values.Add(value);
        }

        Codes[row] = code;
    }

    public string? Get(int row) => row < Codes.Length && Codes[row] != 0 ? Values[Codes[row]] : null;

    private void Grow(int row)
    {
        if (row >= Codes.Length)
        {
            var codes = Codes;
            Array.Resize(ref codes, Math.Max(row + 1, Codes.Length * 2));
            Codes = codes;
        }
    }
}

/// <summary>A number column: NaN is "missing".</summary>
internal sealed class NumberColumn
{
    public double[] Values { get; private set; } = CreateMissing(16);

    public void Set(int row, double value)
    {
        if (row >= Values.Length)
        {
            var grown = CreateMissing(Math.Max(row + 1, Values.Length * 2));
            Values.CopyTo(grown, 0);
            Values = grown;
        }

        Values[row] = value;
    }

    public double Get(int row) => row < Values.Length ? Values[row] : double.NaN;

    private static double[] CreateMissing(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }
}

/// <summary>Per customer, the times (ascending) and values of the events one aggregate series folds.</summary>
internal sealed class SeriesColumn(SeriesKey key, Func<CustomerEvent, double?> select)
{
    private static readonly long[] NoTimes = [];
    private static readonly double[] NoValues = [];

    public SeriesKey Key { get; } = key;

    public long[][] Times { get; private set; } = new long[16][];

    public double[][] Values { get; private set; } = new double[16][];

    public void Set(int row, IReadOnlyList<CustomerEvent> events)
    {
        Grow(row);

        List<(long, double)>? matched = null;
        foreach (var e in events)
        {
            if (select(e) is { } v)
            {
                (matched ??= []).Add((e.OccurredAt.UtcTicks, v));
            }
        }

        if (matched is null)
        {
            (Times[row], Values[row]) = (NoTimes, NoValues);
            return;
        }

        matched.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        Times[row] = [.. matched.Select(m => m.Item1)];
        Values[row] = [.. matched.Select(m => m.Item2)];
    }

    /// <summary>Sets a row's series directly (times ascending); for bulk loads and benchmarks.</summary>
    public void Set(int row, long[] times, double[] values)
    {
        Grow(row);
        (Times[row], Values[row]) = (times, values);
    }

    private void Grow(int row)
    {
        if (row >= Times.Length)
        {
            var length = Math.Max(row + 1, Times.Length * 2);
            var times = Times;
            var values = Values;
            Array.Resize(ref times, length);
            Array.Resize(ref values, length);
            (Times, Values) = (times, values);
        }
    }
}
