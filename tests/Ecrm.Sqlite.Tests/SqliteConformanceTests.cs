using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;

namespace Ecrm.Sqlite.Tests;

/// <summary>The SQLite store passes the conformance suite unchanged, each test on a new file.</summary>
public sealed class SqliteConformanceTests : CustomerStoreConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override CustomerStore CreateStore(EcrmOptions options) =>
        SqliteCustomerStore.OpenAsync(options, new SqliteStoreOptions { Path = _folder.NewFile() }).GetAwaiter().GetResult();
}
