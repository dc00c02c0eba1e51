namespace Ecrm.Resolution;

/// <summary>
/// The Fellegi-Sunter model: fields are independent given match status; u (non-match) probabilities are estimated
/// from random pairs (almost all non-matches), m (match) probabilities and the match rate of candidate pairs by
/// expectation-maximisation over the candidates' comparison patterns. Configured overrides stay fixed.
/// </summary>
internal sealed class FellegiSunter
{
    private const int Radix = 8; // levels + 1 (0 = missing) per field, at most 4 levels
    private const double MaxMatchRate = 0.5;
    private readonly int[] _levels;

    private FellegiSunter(int[] levels, double[][] m, double[][] u, double lambda)
    {
        _levels = levels;
        M = m;
        U = u;
        Lambda = lambda;
    }

    public double[][] M { get; }

    public double[][] U { get; }

    /// <summary>The prior probability that a candidate pair is a match.</summary>
    public double Lambda { get; private set; }

    public static long Encode(ReadOnlySpan<int> levels)
    {
        long code = 0;
        for (var f = levels.Length - 1; f >= 0; f--)
        {
            code = (code * Radix) + (levels[f] + 1);
        }

        return code;
    }

    public static void Decode(long code, Span<int> levels)
    {
        for (var f = 0; f < levels.Length; f++)
        {
            levels[f] = (int)(code % Radix) - 1;
            code /= Radix;
        }
    }

    /// <summary>Fits u on random pairs of <paramref name="records"/> and m and the match rate by EM on <paramref name="patterns"/>.</summary>
    public static FellegiSunter Fit(PreparedRecords records, IReadOnlyDictionary<long, long> patterns, ResolverOptions options, CancellationToken cancellationToken)
    {
        var fields = records.Kinds.Length;
        var levels = records.Kinds.Select(FieldComparer.Levels).ToArray();
        var u = EstimateU(records, levels, options, cancellationToken);
        var m = new double[fields][];
        for (var f = 0; f < fields; f++)
        {
            // Start with 90% of matches agreeing exactly and the rest spread over the lower levels; with a small
            // starting match rate, the first E-step already separates strongly agreeing pairs from the rest.
            var lower = levels[f] - 1;
            m[f] = [.. Enumerable.Range(0, levels[f]).Select(l => l == lower ? 0.9 : 0.1 / lower)];
            if (options.Overrides.TryGetValue(records.Fields[f].Name, out var o))
            {
                if (o.M is { } fixedM)
                {
                    m[f] = [.. fixedM];
                }

                if (o.U is { } fixedU)
                {
                    u[f] = [.. fixedU];
                }
            }
        }

        var model = new FellegiSunter(levels, m, u, 0.01);
        model.ExpectationMaximisation(records, patterns, options, cancellationToken);
        return model;
    }

    /// <summary>The match weight (sum of log2 m/u over present fields) and posterior probability of a pattern.</summary>
    public (double Weight, double Probability) Score(ReadOnlySpan<int> levels)
    {
        var weight = 0.0;
        for (var f = 0; f < levels.Length; f++)
        {
            if (levels[f] >= 0)
            {
                weight += Math.Log2(M[f][levels[f]] / U[f][levels[f]]);
            }
        }

        var logOdds = (weight * Math.Log(2)) + Math.Log(Lambda / (1 - Lambda));
        return (weight, 1 / (1 + Math.Exp(-logOdds)));
    }

    private static double[][] EstimateU(PreparedRecords records, int[] levels, ResolverOptions options, CancellationToken cancellationToken)
    {
        var fields = levels.Length;
        var counts = new double[fields][];
        for (var f = 0; f < fields; f++)
        {
            counts[f] = new double[levels[f]];
        }

        var n = records.Count;
        var random = new Random(options.Seed);
        var samples = n < 2 ? 0 : (int)Math.Min(options.RandomPairs, (long)n * (n - 1) / 2);
        var left = new int[samples];
        var right = new int[samples];
        for (var s = 0; s < samples; s++)
        {
            left[s] = random.Next(n);
            right[s] = random.Next(n - 1);
            if (right[s] >= left[s])
            {
                right[s]++;
            }
        }

        // The sample is drawn sequentially (reproducible); the comparisons run on every core.
        const int chunk = 16_384;
        Parallel.For(
            0,
            (samples + chunk - 1) / chunk,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => levels.Select(l => new double[l]).ToArray(),
            (c, _, local) =>
            {
                Span<int> pair = stackalloc int[fields];
                var end = Math.Min(samples, (c + 1) * chunk);
                for (var s = c * chunk; s < end; s++)
                {
                    records.Compare(left[s], right[s], pair);
                    for (var f = 0; f < fields; f++)
                    {
                        if (pair[f] >= 0)
                        {
                            local[f][pair[f]]++;
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (counts)
                {
                    for (var f = 0; f < fields; f++)
                    {
                        for (var l = 0; l < local[f].Length; l++)
                        {
                            counts[f][l] += local[f][l];
                        }
                    }
                }
            });

        // Add-one smoothing: a level never seen among random pairs is rare, not impossible.
        return [.. counts.Select(c => c.Select(v => (v + 1) / (c.Sum() + c.Length)).ToArray())];
    }

    private void ExpectationMaximisation(PreparedRecords records, IReadOnlyDictionary<long, long> patterns, ResolverOptions options, CancellationToken cancellationToken)
    {
        var fields = _levels.Length;
        var fixedM = records.Fields.Select(f => options.Overrides.TryGetValue(f.Name, out var o) && o.M is not null).ToArray();
        var decoded = patterns.Select(kv =>
        {
            var levels = new int[fields];
            Decode(kv.Key, levels);
            return (Levels: levels, Count: (double)kv.Value);
        }).ToArray();
        var total = decoded.Sum(d => d.Count);
        if (total == 0)
        {
            return;
        }

        for (var iteration = 0; iteration < 200; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var numerators = new double[fields][];
            for (var f = 0; f < fields; f++)
            {
                numerators[f] = new double[_levels[f]];
            }

            var matched = 0.0;
            foreach (var (levels, count) in decoded)
            {
                var posterior = Score(levels).Probability * count;
                matched += posterior;
                for (var f = 0; f < fields; f++)
                {
                    if (levels[f] >= 0)
                    {
                        numerators[f][levels[f]] += posterior;
                    }
                }
            }

            var change = 0.0;
            for (var f = 0; f < fields; f++)
            {
                if (fixedM[f])
                {
                    continue;
                }

                var sum = numerators[f].Sum() + (1e-6 * _levels[f]);
                for (var l = 0; l < _levels[f]; l++)
                {
                    var next = (numerators[f][l] + 1e-6) / sum;
                    change = Math.Max(change, Math.Abs(next - M[f][l]));
                    M[f][l] = next;
                }
            }

            // Matches are a minority of candidate pairs; without this bound EM can slide into the degenerate solution
            // "every candidate is a match" (m = u), which large exact-key blocks make attractive.
            var lambda = Math.Clamp(matched / total, 1e-6, MaxMatchRate);
            change = Math.Max(change, Math.Abs(lambda - Lambda));
            Lambda = lambda;
            if (change < 1e-9)
            {
                break;
            }
        }
    }
}
