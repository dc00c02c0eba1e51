using Ecrm.Resolution;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>The Febrl data sets with the one field configuration used everywhere (nothing tuned per data set).</summary>
internal static class Febrl
{
    public static (string Column, FieldKind Kind)[] Columns => FebrlSchema.Columns;

    public static ResolverOptions Options() => FebrlSchema.Options();

    public static List<ResolutionRecord> Load(string file)
    {
        var lines = File.ReadAllLines(TestPaths.Fixture("febrl/" + file));
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        var indexes = Columns.Select(c => header.IndexOf(c.Column)).ToArray();
        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',').Select(v => v.Trim()).ToArray();
            return new ResolutionRecord(f[0], [.. indexes.Select(i => f[i].Length == 0 ? null : f[i])]);
        })];
    }

    /// <summary>rec-N-org and rec-N-dup-K are the same person N.</summary>
    public static string EntityOf(string recordId) => recordId.Split('-')[1];
}
