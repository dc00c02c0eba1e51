#if ECRM_POSTGRES
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;

namespace Ecrm.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL store passes the conformance suite unchanged, each test in a new schema. Compiled only when
/// ECRM_POSTGRES is set at build time (see the project file); <see cref="PostgresStoreTests.ConformanceSuite_RunsWithAServer"/>
/// says so when it is not.
/// </summary>
public sealed class PostgresConformanceTests : CustomerStoreConformanceTests
{
    protected override CustomerStore CreateStore(EcrmOptions options) =>
        PostgreSqlCustomerStore.OpenAsync(options, new PostgreSqlStoreOptions { ConnectionString = PostgresServer.ConnectionString, Schema = PostgresServer.NewSchema() }).GetAwaiter().GetResult();
}
#endif
