namespace Ecrm.PostgreSql.Tests;

/// <summary>
/// The test server: <c>ECRM_POSTGRES</c> holds its connection string (`.ci/run` starts one with `.ci/postgres.sh`).
/// Without it the tests skip with a message, unless <c>ECRM_REQUIRE_POSTGRES=1</c> (as in CI), where they fail.
/// </summary>
internal static class PostgresServer
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("ECRM_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool Required => Environment.GetEnvironmentVariable("ECRM_REQUIRE_POSTGRES") == "1";

    public static string SkipReason =>
        "No PostgreSQL server: set ECRM_POSTGRES to a connection string (eval \"$(bash .ci/postgres.sh)\" starts one).";

    /// <summary>A new, empty schema name for one store.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("n")[..20];
}

/// <summary>A fact that needs the PostgreSQL server: skipped without one, except in CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.ConnectionString is null && !PostgresServer.Required)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}
