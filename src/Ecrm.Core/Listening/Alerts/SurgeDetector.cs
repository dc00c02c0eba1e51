namespace Ecrm.Listening;

/// <summary>
/// Counts negative texts per scope in fixed windows and reports a window once when it reaches the surge threshold
/// against the mean of the windows before it; a reported surge's count keeps growing with its window. Windows older
/// than the baseline needs are forgotten.
/// </summary>
internal sealed class SurgeDetector(SurgeOptions options)
{
    private readonly Dictionary<string, Dictionary<long, int>> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, long), int> _reported = [];
    private readonly List<Surge> _surges = [];
    private long _latest = long.MinValue;

    public IReadOnlyList<Surge> Surges => _surges;

    public Surge? Observe(string scope, DateTimeOffset at)
    {
        var window = at.UtcTicks / options.Window.Ticks;
        if (!_counts.TryGetValue(scope, out var counts))
        {
            _counts[scope] = counts = [];
        }

        var count = counts[window] = counts.GetValueOrDefault(window) + 1;
        if (window > _latest)
        {
            _latest = window;
            Forget();
        }

        if (_reported.TryGetValue((scope, window), out var index))
        {
            _surges[index] = _surges[index] with { Count = count };
            return null;
        }

        if (count < options.Minimum)
        {
            return null;
        }

        double before = 0;
        for (var w = window - options.BaselineWindows; w < window; w++)
        {
            before += counts.GetValueOrDefault(w);
        }

        var baseline = before / options.BaselineWindows;
        if (count < options.Factor * Math.Max(baseline, 1.0 / options.BaselineWindows)
            || count < baseline + (options.MinimumZ * Math.Sqrt(Math.Max(baseline, 1))))
        {
            return null;
        }

        _reported[(scope, window)] = _surges.Count;
        var start = new DateTimeOffset(window * options.Window.Ticks, TimeSpan.Zero);
        var surge = new Surge(scope, start, start + options.Window, count, Math.Round(baseline, 3));
        _surges.Add(surge);
        return surge;
    }

    private void Forget()
    {
        var oldest = _latest - options.BaselineWindows - 2;
        foreach (var counts in _counts.Values)
        {
            foreach (var w in counts.Keys.Where(w => w < oldest).ToList())
            {
                counts.Remove(w);
            }
        }
    }
}
