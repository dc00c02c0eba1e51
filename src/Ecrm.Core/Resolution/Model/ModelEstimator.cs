using System.Globalization;

namespace Ecrm.Resolution;

/// <summary>
/// Estimates the model from the records themselves: u from random pairs (the top level of a single field from value
/// frequencies, exactly), m and the number of matches by expectation-maximisation over the candidate pairs' patterns.
/// The estimate is constrained so that it cannot collapse: the prior of a pair is that of two random records (the
/// expected matches over all pairs, not a share of the candidates); m has a Dirichlet prior on the documented defaults
/// (<see cref="ComparisonDefaults"/>) and a monotone likelihood ratio (a stronger agreement is never weaker evidence,
/// so m(different) &lt;= u(different)); the expected matches per record are bounded by what the blocking allows. A fit
/// that reaches the bound, or whose match class does not agree more than its non-match class, is reported and
/// replaced by the defaults.
/// </summary>
internal static class ModelEstimator
{
    /// <summary>The fewest matched pairs per record the prior assumes, even in data that seems to have none.</summary>
    public const double MinDuplicatesPerRecord = 0.01;

    /// <summary>The most matched pairs per record with a candidate (five records per person on average).</summary>
    public const double MaxDuplicatesPerRecord = 2;

    private const int MaxIterations = 300;

    public static (MatchModel Model, List<ResolutionWarning> Warnings, double ExpectedMatches) Fit(
        PreparedRecords records, TermFrequencies frequencies, IReadOnlyDictionary<long, long> patterns, int linkedRecords, ResolverOptions options, CancellationToken cancellationToken)
    {
        var comparisons = records.Comparisons;
        var n = records.Count;
        var u = EstimateU(records, frequencies, options, cancellationToken);
        var prior = new double[comparisons.Length][];
        var fixedM = new bool[comparisons.Length];
        for (var c = 0; c < comparisons.Length; c++)
        {
            prior[c] = ComparisonDefaults.M(comparisons[c]);
            if (options.Overrides.TryGetValue(comparisons[c].Name, out var o))
            {
                if (o.M is { } fixedPrior)
                {
                    prior[c] = [.. fixedPrior];
                    fixedM[c] = true;
                }

                if (o.U is { } fixedU)
                {
                    u[c] = [.. fixedU];
                }
            }
        }

        var decoded = Decode(patterns, comparisons.Length);
        var maxRate = Math.Max(MinDuplicatesPerRecord, MaxDuplicatesPerRecord * linkedRecords / Math.Max(1.0, n));
        var warnings = new List<ResolutionWarning>();
        var informative = Enumerable.Range(0, comparisons.Length).Count(c => decoded.Any(d => d.Levels[c] >= 0));
        var identifiable = informative >= 3;
        if (!identifiable)
        {
            warnings.Add(new(ResolutionWarningCode.FewComparisons, $"{informative} comparison(s) hold data ({string.Join(", ", comparisons.Select(c => c.Name))}); at least three are needed to estimate how matches agree, so m uses the defaults and only the number of matches is estimated."));
        }

        var kinds = comparisons.Select(c => c.Kind).ToArray();
        var (m, rate, expected, floored) = Em(decoded, u, prior, identifiable ? fixedM : [.. fixedM.Select(_ => true)], kinds, n, maxRate, cancellationToken);
        // With no room between the bounds (no candidate pairs), there is nothing to fit and nothing degenerate.
        var degenerate = maxRate > MinDuplicatesPerRecord ? Degenerate(m, u, rate, maxRate, expected, comparisons) : null;
        if (degenerate is not null)
        {
            warnings.Add(new(ResolutionWarningCode.DegenerateFit, degenerate + " The model falls back to the default m-probabilities; the number of matches is re-estimated with them."));
            (m, rate, expected, floored) = Em(decoded, u, prior, [.. fixedM.Select(_ => true)], kinds, n, maxRate, cancellationToken);
            if (rate >= maxRate * 0.999)
            {
                rate = MinDuplicatesPerRecord; // the expected matches stay what the defaults make of the candidates
            }
        }

        if (floored.Any(f => f))
        {
            warnings.Add(new(ResolutionWarningCode.ConstrainedFit, $"estimation pulled the share of matches that agree on {string.Join(", ", comparisons.Where((_, c) => floored[c]).Select(c => c.Name))} below what matches plausibly show; it was held at the floor. Non-matches that agree on other fields (people who share a name, an address or a device) may be mistaken for matches: check the review queue."));
        }

        if (degenerate is null && identifiable && expected < Math.Max(2, 0.001 * n))
        {
            warnings.Add(new(ResolutionWarningCode.NoMatchesFound, string.Create(CultureInfo.InvariantCulture, $"the {patterns.Values.Sum():N0} candidate pairs hold about {expected:0.#} matches: m stays near its defaults, and the prior assumes at least {MinDuplicatesPerRecord} matched pairs per record.")));
        }

        var fitted = Enumerable.Range(0, comparisons.Length).Select(c => identifiable && degenerate is null && !fixedM[c] && expected >= 2).ToArray();
        var model = new MatchModel(m, u, rate, fitted, prior);
        Diagnose(model, decoded, n, expected, options, comparisons, warnings);
        return (model, warnings, expected);
    }

    /// <summary>
    /// EM with fixed u. E-step: each pattern's posterior with the prior of two random records. M-step: m per
    /// comparison as the posterior-weighted level shares plus the Dirichlet prior, projected to a monotone likelihood
    /// ratio; the matched pairs per record as the expected matches over the records, within the bounds.
    /// </summary>
    private static (double[][] M, double Rate, double Expected, bool[] Floored) Em(
        (int[] Levels, double Count)[] patterns, double[][] u, double[][] prior, bool[] fixedM, FieldKind[] kinds, int n, double maxRate, CancellationToken cancellationToken)
    {
        var comparisons = u.Length;
        var floored = new bool[comparisons];
        var strength = ComparisonDefaults.PriorMatches(n);
        var m = prior.Select(p => (double[])p.Clone()).ToArray();
        var rate = Math.Clamp(0.1, MinDuplicatesPerRecord, maxRate);
        var expected = 0.0;
        var numerators = u.Select(x => new double[x.Length]).ToArray();
        var logRatios = u.Select(x => new double[x.Length]).ToArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lambda = MatchModel.MatchRate(rate, n);
            var priorLog = Math.Log(lambda / (1 - lambda));
            for (var c = 0; c < comparisons; c++)
            {
                for (var l = 0; l < logRatios[c].Length; l++)
                {
                    logRatios[c][l] = Math.Log(m[c][l] / u[c][l]);
                }
            }

            foreach (var row in numerators)
            {
                Array.Clear(row);
            }

            expected = 0;
            foreach (var (levels, count) in patterns)
            {
                var logOdds = priorLog;
                for (var c = 0; c < comparisons; c++)
                {
                    if (levels[c] >= 0)
                    {
                        logOdds += logRatios[c][levels[c]];
                    }
                }

                var posterior = count / (1 + Math.Exp(-logOdds));
                expected += posterior;
                for (var c = 0; c < comparisons; c++)
                {
                    if (levels[c] >= 0)
                    {
                        numerators[c][levels[c]] += posterior;
                    }
                }
            }

            var change = 0.0;
            for (var c = 0; c < comparisons; c++)
            {
                if (fixedM[c])
                {
                    continue;
                }

                var total = numerators[c].Sum() + strength;
                var next = new double[m[c].Length];
                for (var l = 0; l < next.Length; l++)
                {
                    next[l] = (numerators[c][l] + (strength * prior[c][l])) / total;
                }

                floored[c] = Floor(next, ComparisonDefaults.AgreementFloor(kinds[c]));
                MonotoneRatio(next, u[c]);
                for (var l = 0; l < next.Length; l++)
                {
                    change = Math.Max(change, Math.Abs(next[l] - m[c][l]));
                }

                m[c] = next;
            }

            var nextRate = Math.Clamp(expected / Math.Max(1, n), MinDuplicatesPerRecord, maxRate);
            change = Math.Max(change, Math.Abs(nextRate - rate) / rate);
            rate = nextRate;
            if (change < 1e-6)
            {
                break;
            }
        }

        return (m, rate, expected, floored);
    }

    /// <summary>Raises the agreeing levels' share of m to the floor when below it (taking from the others in proportion); returns whether it did.</summary>
    private static bool Floor(double[] m, double floor)
    {
        var top = m.Length >= 3 ? 2 : 1;
        var agree = m.AsSpan(m.Length - top).ToArray().Sum();
        if (agree >= floor)
        {
            return false;
        }

        for (var l = 0; l < m.Length; l++)
        {
            m[l] *= l >= m.Length - top ? floor / agree : (1 - floor) / (1 - agree);
        }

        return true;
    }

    /// <summary>
    /// Makes m / u non-decreasing over the levels (pool-adjacent-violators on the ratios, weighted by u), keeping the
    /// sum of m: a stronger agreement is never weaker evidence of a match, and m(different) &lt;= u(different) follows.
    /// </summary>
    internal static void MonotoneRatio(double[] m, double[] u)
    {
        var blocks = new List<(int Start, int End, double M, double U)>();
        for (var l = 0; l < m.Length; l++)
        {
            blocks.Add((l, l, m[l], u[l]));
            while (blocks.Count > 1 && blocks[^2].M / blocks[^2].U > blocks[^1].M / blocks[^1].U)
            {
                var (s, _, bm, bu) = blocks[^2];
                var last = blocks[^1];
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((s, last.End, bm + last.M, bu + last.U));
            }
        }

        foreach (var (start, end, bm, bu) in blocks)
        {
            for (var l = start; l <= end; l++)
            {
                m[l] = bm / bu * u[l];
            }
        }
    }

    /// <summary>Why a fit cannot be trusted, or null: the bound was reached, or matches do not agree more than non-matches.</summary>
    private static string? Degenerate(double[][] m, double[][] u, double rate, double maxRate, double expected, Comparison[] comparisons)
    {
        if (rate >= maxRate * 0.999)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The expected matches ({expected:N0}) reached the bound of {maxRate:0.##} matched pairs per record that the blocking allows.");
        }

        // The match class must look like the same person: on the comparisons together, a match must be clearly more
        // likely than not to agree at the top level where a non-match is not.
        var top = 0.0;
        for (var c = 0; c < comparisons.Length; c++)
        {
            top += m[c][^1] - u[c][^1];
        }

        return top < 0.25 * comparisons.Length
            ? string.Create(CultureInfo.InvariantCulture, $"Estimated matches agree at the top level little more often than non-matches (mean difference {top / comparisons.Length:0.###}).")
            : null;
    }

    private static void Diagnose(MatchModel model, (int[] Levels, double Count)[] patterns, int n, double expected, ResolverOptions options, Comparison[] comparisons, List<ResolutionWarning> warnings)
    {
        var best = model.PriorWeight(n) + Enumerable.Range(0, comparisons.Length).Sum(c => Math.Max(0, Enumerable.Range(0, comparisons[c].Levels).Max(l => model.Weight(c, l))));
        if (MatchModel.Probability(best) < options.MatchProbability)
        {
            warnings.Add(new(ResolutionWarningCode.MatchesUnreachable, string.Create(CultureInfo.InvariantCulture, $"agreement on every comparison gives at most p = {MatchModel.Probability(best):0.####}, below the match probability {options.MatchProbability}: with these fields pairs can only be sent to review.")));
        }

        if (expected < 10)
        {
            return;
        }

        var uncertain = 0.0;
        var prior = model.PriorWeight(n);
        foreach (var (levels, count) in patterns)
        {
            var p = MatchModel.Probability(prior + model.Weight(levels));
            if (p is > 0.1 and < 0.9)
            {
                uncertain += p * count;
            }
        }

        if (uncertain > 0.2 * expected)
        {
            warnings.Add(new(ResolutionWarningCode.PoorSeparation, string.Create(CultureInfo.InvariantCulture, $"{uncertain / expected:P0} of the expected matches have a probability between 0.1 and 0.9: the fields separate matches poorly, expect many pairs in review.")));
        }
    }

    private static (int[] Levels, double Count)[] Decode(IReadOnlyDictionary<long, long> patterns, int comparisons)
        => [.. patterns.Select(kv =>
        {
            var levels = new int[comparisons];
            PatternCode.Decode(kv.Key, levels);
            return (levels, (double)kv.Value);
        })];

    /// <summary>
    /// u per comparison and level from random pairs (almost all non-matches), blended with the defaults; for a single
    /// field the top level (equal values) is computed exactly from the value frequencies and the other levels share the
    /// rest.
    /// </summary>
    private static double[][] EstimateU(PreparedRecords records, TermFrequencies frequencies, ResolverOptions options, CancellationToken cancellationToken)
    {
        var comparisons = records.Comparisons;
        var counts = comparisons.Select(c => new double[c.Levels]).ToArray();
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
            () => comparisons.Select(c => new double[c.Levels]).ToArray(),
            (k, _, local) =>
            {
                Span<int> pair = stackalloc int[comparisons.Length];
                var end = Math.Min(samples, (k + 1) * chunk);
                for (var s = k * chunk; s < end; s++)
                {
                    records.Compare(left[s], right[s], pair);
                    for (var c = 0; c < comparisons.Length; c++)
                    {
                        if (pair[c] >= 0)
                        {
                            local[c][pair[c]]++;
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (counts)
                {
                    for (var c = 0; c < comparisons.Length; c++)
                    {
                        for (var l = 0; l < local[c].Length; l++)
                        {
                            counts[c][l] += local[c][l];
                        }
                    }
                }
            });

        // Each estimate is blended with the default u, worth PriorPairs random pairs: the sample of a tiny set holds
        // only a few distinct pairs, however many draws are made.
        var distinct = Math.Min(samples, (double)n * (n - 1) / 2);
        var u = new double[comparisons.Length][];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var levels = comparisons[c].Levels;
            var defaults = ComparisonDefaults.U(comparisons[c]);
            var total = counts[c].Sum();
            var pairs = total == 0 ? 0 : distinct * total / Math.Max(1, samples);
            var estimate = new double[levels];
            for (var l = 0; l < levels; l++)
            {
                var share = total == 0 ? defaults[l] : counts[c][l] / total;
                estimate[l] = ((pairs * share) + (ComparisonDefaults.PriorPairs * defaults[l])) / (pairs + ComparisonDefaults.PriorPairs);
            }

            if (comparisons[c].TopLevelIsEquality)
            {
                // The top level exactly, from how many pairs of records with a value share it.
                var (same, present) = frequencies.Agreement(c);
                var top = (same + (ComparisonDefaults.PriorPairs * defaults[^1])) / (present + ComparisonDefaults.PriorPairs);
                var rest = estimate[..^1].Sum();
                for (var l = 0; l < levels - 1; l++)
                {
                    estimate[l] = rest == 0 ? (1 - top) / (levels - 1) : estimate[l] * (1 - top) / rest;
                }

                estimate[^1] = top;
            }

            u[c] = estimate;
        }

        return u;
    }
}
