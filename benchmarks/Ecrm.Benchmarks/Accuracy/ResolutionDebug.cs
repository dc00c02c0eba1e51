using System.Globalization;
using Ecrm.Resolution;
using Ecrm.Testing.Population;

namespace Ecrm.Benchmarks.Accuracy;

/// <summary>Development aid: prints the fitted model, the warnings and the wrong decisions of one scenario.</summary>
internal static class ResolutionDebug
{
    public static int Run(string[] args)
    {
        var scenario = args[1];
        var columnsArg = args.Length > 2 ? args[2] : "all";
        List<Labelled> data;
        string[] schema;
        Func<string, FieldKind> kind;
        if (scenario == "febrl1hh")
        {
            data = ResolutionScenarios.WithHouseholds(ResolutionScenarios.Febrl("dataset1.csv"), 400, 11);
            schema = ResolutionScenarios.FebrlSchemaColumns;
            kind = ResolutionScenarios.FebrlKind;
        }
        else if (scenario.StartsWith("febrl", StringComparison.Ordinal))
        {
            data = ResolutionScenarios.Febrl($"dataset{scenario[5..]}.csv");
            schema = ResolutionScenarios.FebrlSchemaColumns;
            kind = ResolutionScenarios.FebrlKind;
        }
        else
        {
            var parts = scenario.Split(':');
            var o = new PopulationOptions { People = 5000, Seed = int.Parse(parts[1], CultureInfo.InvariantCulture) };
            foreach (var p in parts.Skip(2))
            {
                var kv = p.Split('=');
                o = kv[0] switch
                {
                    "dup" => o with { DuplicateShare = double.Parse(kv[1], CultureInfo.InvariantCulture) },
                    "hh" => o with { HouseholdShare = double.Parse(kv[1], CultureInfo.InvariantCulture) },
                    _ => o,
                };
            }

            data = ResolutionScenarios.Generated(o);
            schema = ResolutionScenarios.GeneratedSchemaColumns;
            kind = ResolutionScenarios.GeneratedKind;
        }

        var columns = columnsArg == "all" ? schema : columnsArg.Split(',');
        var records = ResolutionScenarios.Project(data, schema, columns);
        {
            var prepared = new PreparedRecords(records, ResolutionScenarios.Options(columns, kind).Fields);
            var tf = new TermFrequencies(prepared.Comparisons.Length, true);
            for (var i = 0; i < prepared.Count; i++)
            {
                tf.Add(prepared, i);
            }

            for (var c = 0; c < prepared.Comparisons.Length; c++)
            {
                var top = Enumerable.Range(0, prepared.Count).Select(i => prepared.Comparisons[c].TermKey(prepared, i)).Where(k => k is not null).GroupBy(k => k).OrderByDescending(g => g.Count()).Take(3).ToList();
                var (same, pairs) = tf.Agreement(c);
                Console.WriteLine($"tf {prepared.Comparisons[c].Name}: agreement {same / pairs:0.000000}; top " + string.Join(", ", top.Select(g => $"{g.Key} {g.Count()}")));
                if (top.Count > 0)
                {
                    var twoOfTop = Enumerable.Range(0, prepared.Count).Where(i => prepared.Comparisons[c].TermKey(prepared, i) == top[0].Key).Take(2).ToArray();
                    Console.WriteLine($"   adjustment for two '{top[0].Key}' at u=0.0139: {tf.Adjustment(c, twoOfTop[0], c, twoOfTop[1], 0.0139, exact: true):0.00}");
                }
            }
        }

        var result = IdentityResolver.Resolve(records, ResolutionScenarios.Options(columns, kind));
        var entity = data.ToDictionary(r => r.Id, r => r.Entity);
        var accuracy = ResolutionAccuracy.Of(result.ClusterOf, id => entity[id]);
        Console.WriteLine($"P {accuracy.Precision:F4} R {accuracy.Recall:F4} F1 {accuracy.F1:F4}; candidates {result.CandidatePairs:N0}; expected matches {result.ExpectedMatches:N1}; rate {result.MatchRate:E3}");
        foreach (var w in result.Warnings)
        {
            Console.WriteLine("warning: " + w);
        }

        foreach (var m in result.Model)
        {
            Console.WriteLine($"{m.Name,-14} fitted={m.Fitted} " + string.Join("  ", m.Levels.Select((l, i) => $"{l}: m={m.M[i]:0.0000} u={m.U[i]:0.000000} w={m.Weights[i]:+0.0;-0.0}")));
        }

        var byId = data.ToDictionary(r => r.Id);
        var wrong = result.Decisions.Where(d => d.Outcome == MatchOutcome.Match && entity[d.LeftId] != entity[d.RightId]).Take(8).ToList();
        Console.WriteLine($"wrong matches: {result.Decisions.Count(d => d.Outcome == MatchOutcome.Match && entity[d.LeftId] != entity[d.RightId])}");
        foreach (var d in wrong)
        {
            Print(d);
        }

        foreach (var g in result.Decisions.Where(d => d.Outcome == MatchOutcome.Match && entity[d.LeftId] != entity[d.RightId])
            .GroupBy(d => string.Join(" ", d.Evidence.Select(e => $"{e.Field}={e.Level}"))).OrderByDescending(g => g.Count()).Take(12))
        {
            Console.WriteLine($"  {g.Count(),5} x {g.Key}");
        }

        // Missed true pairs among the candidates' decisions (reviews) and kept-apart ones.
        foreach (var big in result.ClusterOf.GroupBy(kv => kv.Value).Where(g => g.Count() > 4).Take(2))
        {
            Console.WriteLine($"cluster of {big.Count()}:");
            foreach (var (id, _) in big)
            {
                Console.WriteLine($"    {id} ({entity[id]}) | {string.Join(", ", byId[id].Values.Select(v => v ?? "-"))}");
            }

            foreach (var d in result.Decisions.Where(d => d.Outcome == MatchOutcome.Match && big.Any(kv => kv.Key == d.LeftId)))
            {
                Console.WriteLine($"    joined {d.LeftId} ~ {d.RightId} p={d.Probability:0.####}: " + string.Join("; ", d.Evidence.Select(e => $"{e.Field} {e.Level} {e.Weight:+0.0;-0.0}")));
            }
        }

        var kept = result.Decisions.Where(d => d.KeptApartBecause is not null).ToList();
        Console.WriteLine($"kept apart: {kept.Count}, of them true pairs: {kept.Count(d => entity[d.LeftId] == entity[d.RightId])}");
        foreach (var d in kept.Where(d => entity[d.LeftId] == entity[d.RightId]).Take(4))
        {
            Print(d);
        }

        var reviews = result.Decisions.Where(d => d.Outcome == MatchOutcome.Review && d.KeptApartBecause is null).ToList();
        Console.WriteLine($"reviews: {reviews.Count}, true: {reviews.Count(d => entity[d.LeftId] == entity[d.RightId])}");
        var missed = data.GroupBy(r => r.Entity).SelectMany(g => g.SelectMany((x, i) => g.Skip(i + 1).Select(y => (x.Id, y.Id))))
            .Where(p => result.ClusterOf[p.Item1] != result.ClusterOf[p.Item2]).ToList();
        Console.WriteLine($"missed true pairs: {missed.Count}");
        var n = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        foreach (var (a, b) in missed.Take(n))
        {
            var d = result.Decisions.FirstOrDefault(x => (x.LeftId == a && x.RightId == b) || (x.LeftId == b && x.RightId == a));
            Console.WriteLine($"  missed {a} | {string.Join(", ", byId[a].Values.Select(v => v ?? "-"))}");
            Console.WriteLine($"         {b} | {string.Join(", ", byId[b].Values.Select(v => v ?? "-"))}   {(d is null ? "(no decision)" : $"p={d.Probability:0.####} {d.Outcome}")}");
        }

        return 0;

        static void Print(MatchDecision d)
        {
            Console.WriteLine($"  {d.LeftId} ~ {d.RightId}: p={d.Probability:0.######} prior {d.PriorWeight:+0.0;-0.0} weight {d.Weight:+0.0;-0.0} {d.KeptApartBecause}");
            foreach (var e in d.Evidence)
            {
                Console.WriteLine($"      {e.Field,-14} {e.Level,-9} {e.Weight,6:+0.0;-0.0} (tf {e.TermFrequencyWeight:0.0})  {e.Left} | {e.Right}");
            }
        }
    }
}
