using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ecrm.Resolution;
using Ecrm.Testing.Population;

namespace Ecrm.Benchmarks.Accuracy;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Ecrm.Benchmarks -- resolution-accuracy [--quick] [--seeds A,B,C]
/// [--output FILE]</c>: the accuracy report of identity resolution (benchmarks/results/resolution-accuracy.md): Febrl
/// field subsets, data without duplicates, households, incremental use and generated populations, each with
/// precision, recall, F1 and cluster sizes. The generated populations use the seeds given (by default 2001-2003, seeds
/// never used while the resolver was developed); Febrl was looked at during development.
/// </summary>
internal static class ResolutionAccuracyReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var seeds = (args.SkipWhile(a => a != "--seeds").Skip(1).FirstOrDefault() ?? "2001,2002,2003").Split(',').Select(s => int.Parse(s, Invariant)).ToArray();
        var text = new StringBuilder();
        void Line(string s)
        {
            Console.WriteLine(s);
            text.AppendLine(s);
        }

        Line("## Febrl field subsets (one configuration; precision, recall, F1, largest cluster / largest true cluster, clusters larger than their largest person; Febrl was seen during development)");
        Line(string.Empty);
        Line("| fields | data set | precision | recall | F1 | largest | oversized | time |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, columns) in ResolutionScenarios.Subsets)
        {
            foreach (var file in quick ? ["dataset1.csv"] : new[] { "dataset1.csv", "dataset2.csv", "dataset3.csv" })
            {
                var data = ResolutionScenarios.Febrl(file);
                var q = Resolve(data, ResolutionScenarios.FebrlSchemaColumns, columns, ResolutionScenarios.FebrlKind);
                Line($"| {label} | {file[..^4]} | {q.Precision:F4} | {q.Recall:F4} | {q.F1:F4} | {q.Largest} / {q.LargestTrue} | {q.Oversized} | {q.Milliseconds:N0} ms |");
            }
        }

        Line(string.Empty);
        Line("## No duplicates in the input (false pairs as a share of the records)");
        Line(string.Empty);
        Line("| data | fields | records | false pairs | share | largest cluster |");
        Line("|---|---|---:|---:|---:|---:|");
        var febrlOriginals = ResolutionScenarios.Febrl("dataset2.csv").Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal)).ToList();
        var generatedDistinct = ResolutionScenarios.Generated(new PopulationOptions { People = 5_000, Seed = seeds[0], DuplicateShare = 0 });
        foreach (var (label, data, schema, kind, columnSets) in new (string, List<Labelled>, string[], Func<string, FieldKind>, (string, string[])[])[]
        {
            ("Febrl 2 originals", febrlOriginals, ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlKind, [("all", ResolutionScenarios.FebrlSchemaColumns), ("name + birth date", [.. ResolutionScenarios.Name, "date_of_birth"]), ("name + address", [.. ResolutionScenarios.Name, .. ResolutionScenarios.AddressColumns])]),
            ("generated, 5,000 people", generatedDistinct, ResolutionScenarios.GeneratedSchemaColumns, ResolutionScenarios.GeneratedKind, [("all twelve", ResolutionScenarios.GeneratedSchemaColumns), ("name + birth date", [.. ResolutionScenarios.Name, "date_of_birth"]), ("name + address", [.. ResolutionScenarios.Name, .. ResolutionScenarios.AddressColumns])]),
        })
        {
            foreach (var (fieldsLabel, columns) in columnSets)
            {
                var q = Resolve(data, schema, columns, kind);
                Line($"| {label} | {fieldsLabel} | {data.Count:N0} | {q.PredictedPairs:N0} | {100.0 * q.PredictedPairs / data.Count:F3}% | {q.Largest} |");
            }
        }

        Line(string.Empty);
        Line("## Households (members kept apart; the true duplicates still found)");
        Line(string.Empty);
        Line("| data | fields | household pairs | kept apart | precision | recall | F1 |");
        Line("|---|---|---:|---:|---:|---:|---:|");
        var withHouseholds = ResolutionScenarios.WithHouseholds(ResolutionScenarios.Febrl("dataset1.csv"), 400, 11);
        var q1 = Resolve(withHouseholds, ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlKind);
        Line($"| Febrl 1 + 400 household members | all ten | {q1.HouseholdPairs:N0} | {q1.KeptApart:P2} | {q1.Precision:F4} | {q1.Recall:F4} | {q1.F1:F4} |");
        var households = ResolutionScenarios.Generated(new PopulationOptions { People = 5_000, Seed = seeds[^1], HouseholdShare = 0.5 });
        foreach (var (fieldsLabel, columns) in new (string, string[])[]
        {
            ("all twelve", ResolutionScenarios.GeneratedSchemaColumns),
            ("Febrl's ten", ResolutionScenarios.FebrlSchemaColumns),
            ("name + address + birth date", [.. ResolutionScenarios.Name, .. ResolutionScenarios.AddressColumns, "date_of_birth"]),
            ("name + address + phone", [.. ResolutionScenarios.Name, .. ResolutionScenarios.AddressColumns, "phone"]),
        })
        {
            var q = Resolve(households, ResolutionScenarios.GeneratedSchemaColumns, columns, ResolutionScenarios.GeneratedKind);
            Line($"| generated, half in households | {fieldsLabel} | {q.HouseholdPairs:N0} | {q.KeptApart:P2} | {q.Precision:F4} | {q.Recall:F4} | {q.F1:F4} |");
        }

        Line(string.Empty);
        Line("## Incremental use: Build over the originals, then Add each duplicate, against one batch over all records");
        Line(string.Empty);
        Line("| data | fields | batch F1 | incremental F1 | difference |");
        Line("|---|---|---:|---:|---:|");
        foreach (var (label, data, schema, kind, columns) in new (string, List<Labelled>, string[], Func<string, FieldKind>, string[])[]
        {
            ("Febrl 1", ResolutionScenarios.Febrl("dataset1.csv"), ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlKind, ResolutionScenarios.FebrlSchemaColumns),
            ("Febrl 3", ResolutionScenarios.Febrl("dataset3.csv"), ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlKind, ResolutionScenarios.FebrlSchemaColumns),
            ("Febrl 3", ResolutionScenarios.Febrl("dataset3.csv"), ResolutionScenarios.FebrlSchemaColumns, ResolutionScenarios.FebrlKind, [.. ResolutionScenarios.Name, "date_of_birth"]),
            ("generated", ResolutionScenarios.Generated(new PopulationOptions { People = 5_000, Seed = seeds[0] }), ResolutionScenarios.GeneratedSchemaColumns, ResolutionScenarios.GeneratedKind, ResolutionScenarios.GeneratedSchemaColumns),
            ("generated", ResolutionScenarios.Generated(new PopulationOptions { People = 5_000, Seed = seeds[0] }), ResolutionScenarios.GeneratedSchemaColumns, ResolutionScenarios.GeneratedKind, [.. ResolutionScenarios.Name, "date_of_birth"]),
        })
        {
            var batch = Resolve(data, schema, columns, kind);
            var incremental = Incremental(data, schema, columns, kind);
            Line($"| {label} | {(columns.Length == schema.Length ? "all" : string.Join(", ", columns))} | {batch.F1:F4} | {incremental.F1:F4} | {incremental.F1 - batch.F1:+0.0000;-0.0000;0.0000} |");
        }

        Line(string.Empty);
        Line("## Generated populations (5,000 people, 30% with 1-3 duplicates, 10% of duplicates after a move; held-out seeds)");
        Line(string.Empty);
        Line("| seed | fields | precision | recall | F1 | largest | oversized |");
        Line("|---|---|---:|---:|---:|---:|---:|");
        foreach (var seed in quick ? seeds[..1] : seeds)
        {
            var data = ResolutionScenarios.Generated(new PopulationOptions { People = 5_000, Seed = seed });
            foreach (var (fieldsLabel, columns) in new (string, string[])[]
            {
                ("all twelve", ResolutionScenarios.GeneratedSchemaColumns),
                ("name + birth date", [.. ResolutionScenarios.Name, "date_of_birth"]),
                ("name + address", [.. ResolutionScenarios.Name, .. ResolutionScenarios.AddressColumns]),
                ("name + phone + email", [.. ResolutionScenarios.Name, "phone", "email"]),
            })
            {
                var q = Resolve(data, ResolutionScenarios.GeneratedSchemaColumns, columns, ResolutionScenarios.GeneratedKind);
                Line($"| {seed} | {fieldsLabel} | {q.Precision:F4} | {q.Recall:F4} | {q.F1:F4} | {q.Largest} / {q.LargestTrue} | {q.Oversized} |");
            }
        }

        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
        if (output is not null)
        {
            File.WriteAllText(output, text.ToString());
        }

        return 0;
    }

    private static Quality Resolve(List<Labelled> data, string[] schema, string[] columns, Func<string, FieldKind> kind)
    {
        var records = ResolutionScenarios.Project(data, schema, columns);
        var watch = Stopwatch.StartNew();
        var result = IdentityResolver.Resolve(records, ResolutionScenarios.Options(columns, kind));
        watch.Stop();
        return Quality.Of(result.ClusterOf, data, watch.ElapsedMilliseconds);
    }

    private static Quality Incremental(List<Labelled> data, string[] schema, string[] columns, Func<string, FieldKind> kind)
    {
        var records = ResolutionScenarios.Project(data, schema, columns);
        var first = new HashSet<string>(data.GroupBy(r => r.Entity).Select(g => g.First().Id), StringComparer.Ordinal);
        var index = ResolutionIndex.Build([.. records.Where(r => first.Contains(r.Id))], ResolutionScenarios.Options(columns, kind));
        foreach (var r in records.Where(r => !first.Contains(r.Id)))
        {
            index.Add(r);
        }

        return Quality.Of(records.ToDictionary(r => r.Id, r => index.ClusterOf(r.Id)), data, 0);
    }

    private sealed record Quality(double Precision, double Recall, double F1, long PredictedPairs, int Largest, int LargestTrue, int Oversized, long HouseholdPairs, double KeptApart, long Milliseconds)
    {
        public static Quality Of(IReadOnlyDictionary<string, string> clusterOf, List<Labelled> data, long milliseconds)
        {
            var entity = data.ToDictionary(r => r.Id, r => r.Entity, StringComparer.Ordinal);
            var accuracy = ResolutionAccuracy.Of(clusterOf, id => entity[id]);
            var entitySize = data.GroupBy(r => r.Entity).ToDictionary(g => g.Key, g => g.Count());
            var clusters = clusterOf.GroupBy(kv => kv.Value).Select(g => g.Select(kv => kv.Key).ToList()).ToList();
            var oversized = clusters.Count(c => c.Count > c.Max(id => entitySize[entity[id]]));
            var (householdPairs, apart) = Ecrm.Testing.Population.HouseholdPairs.Count(data.Select(r => (r.Id, r.Entity, r.Household)), clusterOf);
            return new Quality(accuracy.Precision, accuracy.Recall, accuracy.F1, accuracy.PredictedPairs, clusters.Max(c => c.Count), entitySize.Values.Max(), oversized, householdPairs, householdPairs == 0 ? 1 : (double)apart / householdPairs, milliseconds);
        }
    }
}
