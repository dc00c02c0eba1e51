namespace Ecrm.Sqlite.Tests;

/// <summary>A folder for one test class's database files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ecrm-sqlite-").FullName;

    public string NewFile() => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("n") + ".db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
