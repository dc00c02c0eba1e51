using System.Globalization;
using Ecrm.Resolution;
using Ecrm.Testing;

namespace Ecrm.Benchmarks;

/// <summary>
/// Person records for the resolution benchmarks: the Febrl data sets (from tests/fixtures), and a synthetic population
/// of any size whose field values are drawn from the Febrl value pools, with 20% duplicates carrying Febrl-like typos,
/// swaps and missing values.
/// </summary>
internal static class PersonRecords
{
    public static (string Column, FieldKind Kind)[] Columns => FebrlSchema.Columns;

    public static ResolverOptions Options() => FebrlSchema.Options();

    public static List<ResolutionRecord> Febrl(string file, string prefix)
    {
        var lines = File.ReadAllLines(Fixtures.Path("febrl/" + file));
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        var indexes = Columns.Select(c => header.IndexOf(c.Column)).ToArray();
        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',').Select(v => v.Trim()).ToArray();
            return new ResolutionRecord(prefix + f[0], [.. indexes.Select(i => f[i].Length == 0 ? null : f[i])]);
        })];
    }

    public static List<ResolutionRecord> Synthetic(int count, int seed)
    {
        var pools = Febrl("dataset2.csv", string.Empty).Concat(Febrl("dataset3.csv", string.Empty))
            .Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal))
            .Select(r => r.Values)
            .ToList();
        var columnPools = Enumerable.Range(0, Columns.Length)
            .Select(c => pools.Select(v => v[c]).Where(v => v is not null).Distinct().ToArray())
            .ToArray();
        var random = new Random(seed);
        var records = new List<ResolutionRecord>(count);
        var people = 0;
        while (records.Count < count)
        {
            var person = new string?[Columns.Length];
            for (var c = 0; c < Columns.Length; c++)
            {
                person[c] = random.NextDouble() < 0.05 ? null : columnPools[c][random.Next(columnPools[c].Length)];
            }

            person[8] = string.Create(CultureInfo.InvariantCulture, $"{1920 + random.Next(85)}{1 + random.Next(12):00}{1 + random.Next(28):00}");
            person[9] = random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
            var id = people++;
            records.Add(new ResolutionRecord($"rec-{id}-org", person));
            for (var d = 0; d < (random.NextDouble() < 0.2 ? 1 + random.Next(3) : 0) && records.Count < count; d++)
            {
                records.Add(new ResolutionRecord($"rec-{id}-dup-{d}", Perturb(person, random)));
            }
        }

        return records;
    }

    private static string?[] Perturb(string?[] person, Random random)
    {
        var copy = (string?[])person.Clone();
        for (var m = 0; m < 1 + random.Next(3); m++)
        {
            var c = random.Next(copy.Length);
            if (copy[c] is not { Length: > 1 } v)
            {
                continue;
            }

            copy[c] = random.Next(4) switch
            {
                0 => null, // missing
                1 => v.Remove(random.Next(v.Length), 1), // a dropped character
                2 => Swap(v, random.Next(v.Length - 1)), // two characters swapped
                _ => v[..^1] + (char)('0' + random.Next(10)), // a wrong last character
            };
        }

        if (random.NextDouble() < 0.05)
        {
            (copy[0], copy[1]) = (copy[1], copy[0]); // given name and surname swapped
        }

        return copy;

        static string Swap(string s, int i) => string.Concat(s.AsSpan(0, i), s.AsSpan(i + 1, 1), s.AsSpan(i, 1), s.AsSpan(i + 2));
    }
}
