namespace Ecrm.Resolution;

/// <summary>Compares many candidate pairs once, on every core (records are read-only meanwhile).</summary>
internal static class PairComparer
{
    private const int ChunkSize = 16_384;

    /// <summary>The bit of a pair's code that says its names were read crosswise (not part of the pattern).</summary>
    public const long Crosswise = 1L << 62;

    /// <summary>
    /// Each pair's pattern code (with <see cref="Crosswise"/> set when its names were read crosswise), and how many
    /// pairs have each pattern (what estimation works on).
    /// </summary>
    public static (long[] Codes, Dictionary<long, long> Patterns) CompareAll(PreparedRecords prepared, long[] pairs, CancellationToken cancellationToken)
    {
        var comparisons = prepared.Comparisons.Length;
        var codes = new long[pairs.Length];
        var patterns = new Dictionary<long, long>();
        Parallel.For(
            0,
            (pairs.Length + ChunkSize - 1) / ChunkSize,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new Dictionary<long, long>(),
            (chunk, _, local) =>
            {
                Span<int> levels = stackalloc int[comparisons];
                var end = Math.Min(pairs.Length, (chunk + 1) * ChunkSize);
                for (var p = chunk * ChunkSize; p < end; p++)
                {
                    var (a, b) = Blocking.Unpair(pairs[p]);
                    var crosswise = prepared.Compare(a, b, levels);
                    var code = PatternCode.Encode(levels);
                    codes[p] = crosswise ? code | Crosswise : code;
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(local, code, out var _)++;
                }

                return local;
            },
            local =>
            {
                lock (patterns)
                {
                    foreach (var (code, count) in local)
                    {
                        patterns[code] = patterns.GetValueOrDefault(code) + count;
                    }
                }
            });

        return (codes, patterns);
    }
}
