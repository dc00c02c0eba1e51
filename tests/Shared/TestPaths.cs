namespace Ecrm.Testing;

/// <summary>Where the repository and its test fixtures are, from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ecrm.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ecrm.Sdk.sln not found above the test directory.");
    }

    public static string Fixture(string relative) => Path.Combine(RepositoryRoot(), "tests", "fixtures", relative);
}
