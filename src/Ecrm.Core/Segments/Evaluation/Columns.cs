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
    private readonly List<long> _times = [];
    private readonly List<double> _values = [];

    public SeriesKey Key { get; } = key;

    public long[][] Times { get; private set; } = new long[16][];

    public double[][] Values { get; private set; } = new double[16][];

    public void Set(int row, IReadOnlyList<CustomerEvent> events)
    {
        Grow(row);

        // One pass into scratch buffers (rows are set one at a time, under the table's owner's lock), then arrays of
        // the exact size: a row is rebuilt on every change of its customer.
        _times.Clear();
        _values.Clear();
        var sorted = true;
        foreach (var e in events)
        {
            if (select(e) is { } v)
            {
                var t = e.OccurredAt.UtcTicks;
                sorted &= _times.Count == 0 || _times[^1] <= t;
                _times.Add(t);
                _values.Add(v);
            }
        }

        if (_times.Count == 0)
        {
            (Times[row], Values[row]) = (NoTimes, NoValues);
            return;
        }

        var times = _times.ToArray();
        var values = _values.ToArray();
        if (!sorted)
        {
            Array.Sort(times, values); // unstable, as the sort of (time, value) pairs by time was
        }

        (Times[row], Values[row]) = (times, values);
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
