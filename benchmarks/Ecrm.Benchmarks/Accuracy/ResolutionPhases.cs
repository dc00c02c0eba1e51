using System.Diagnostics;
using Ecrm.Resolution;

namespace Ecrm.Benchmarks.Accuracy;

/// <summary>Development aid: times the phases of one resolution of the 10,000 Febrl records.</summary>
internal static class ResolutionPhases
{
    public static int Run()
    {
        var records = PersonRecords.Febrl("dataset2.csv", "d2-").Concat(PersonRecords.Febrl("dataset3.csv", "d3-")).ToList();
        Span<int> levels = stackalloc int[16];
        for (var round = 0; round < 4; round++)
        {
            var options = PersonRecords.Options();
            var w = Stopwatch.StartNew();
            var prepared = new PreparedRecords(records, options.Fields);
            var t1 = w.Elapsed.TotalMilliseconds;
            var tf = new TermFrequencies(prepared.Comparisons.Length, true);
            for (var i = 0; i < prepared.Count; i++)
            {
                tf.Add(prepared, i);
            }

            var t2 = w.Elapsed.TotalMilliseconds;
            var keys = Blocking.Keys(prepared);
            var (pairs, _) = Blocking.Candidates(prepared, keys, options);
            var t3 = w.Elapsed.TotalMilliseconds;
            var (codes, patterns) = PairComparer.CompareAll(prepared, pairs, default);
            var t4 = w.Elapsed.TotalMilliseconds;
            var (model, _, _) = ModelEstimator.Fit(prepared, tf, patterns, prepared.Count, options, default);
            var t5 = w.Elapsed.TotalMilliseconds;
            var scorer = new MatchScorer(prepared, model, tf);
            var sum = 0.0;
            for (var p = 0; p < pairs.Length; p++)
            {
                var (a, b) = Blocking.Unpair(pairs[p]);
                PatternCode.Decode(codes[p] & ~PairComparer.Crosswise, levels[..prepared.Comparisons.Length]);
                sum += scorer.Weight(a, b, levels[..prepared.Comparisons.Length], (codes[p] & PairComparer.Crosswise) != 0);
            }

            var t6 = w.Elapsed.TotalMilliseconds;
            foreach (var comparison in prepared.Comparisons)
            {
                var cw = Stopwatch.StartNew();
                var x = 0;
                foreach (var pair in pairs)
                {
                    var (a, b) = Blocking.Unpair(pair);
                    x += comparison.Compare(prepared, a, b);
                }

                Console.Write($"{comparison.Name} {cw.Elapsed.TotalMilliseconds:F0} ms; ");
            }

            var sw = Stopwatch.StartNew();
            var sequential = 0L;
            foreach (var pair in pairs)
            {
                var (a, b) = Blocking.Unpair(pair);
                prepared.Compare(a, b, levels[..prepared.Comparisons.Length]);
                sequential += PatternCode.Encode(levels[..prepared.Comparisons.Length]);
            }

            Console.Write($"sequential compare {sw.Elapsed.TotalMilliseconds:F0} ms; ");
            sw.Restart();
            PairComparer.CompareAll(prepared, pairs, default);
            Console.Write($"parallel compare {sw.Elapsed.TotalMilliseconds:F0} ms; ");
            var full = Stopwatch.StartNew();
            IdentityResolver.Resolve(records, PersonRecords.Options());
            Console.WriteLine($"prepare {t1:F0}  tf {t2 - t1:F0}  blocking {t3 - t2:F0} ({pairs.Length:N0} pairs)  compare {t4 - t3:F0}  fit {t5 - t4:F0} ({patterns.Count:N0} patterns)  score {t6 - t5:F0}  | whole {full.Elapsed.TotalMilliseconds:F0} ms {sum:F0}");
        }

        return 0;
    }
}
