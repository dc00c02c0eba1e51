namespace Ecrm.Benchmarks;

/// <summary>Finds files under tests/fixtures from wherever BenchmarkDotNet runs the benchmarks.</summary>
internal static class Fixtures
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/fixtures/{relative} not found above {AppContext.BaseDirectory}.");
    }
}
