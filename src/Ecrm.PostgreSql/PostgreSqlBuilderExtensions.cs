using Ecrm;
using Ecrm.PostgreSql;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL store.</summary>
public static class PostgreSqlBuilderExtensions
{
    /// <summary>Keeps the customer graph in PostgreSQL (schema created or migrated, log replayed when the provider builds it).</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Optionally sets the schema and retries.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UsePostgreSqlStore(this IEcrmBuilder builder, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PostgreSqlStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.Validate();
        return builder.UseStore(sp => PostgreSqlCustomerStore.OpenAsync(sp.GetRequiredService<IOptions<EcrmOptions>>().Value, options).GetAwaiter().GetResult());
    }
}
