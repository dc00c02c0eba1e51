using Ecrm;
using Ecrm.PostgreSql;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL store.</summary>
public static class PostgreSqlBuilderExtensions
{
    /// <summary>Keeps the customer graph in PostgreSQL (schema created or migrated and log replayed when the store opens: at host start-up or on first use).</summary>
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
        return builder.UseStore(sp => new PostgreSqlCustomerStore(sp.GetRequiredService<IOptions<EcrmOptions>>().Value, options));
    }

    /// <summary>
    /// Keeps the customer graph in PostgreSQL through a data source the host registered (for example with
    /// <c>AddNpgsqlDataSource</c>), sharing its pool, authentication and logging; the store does not dispose it.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="dataSource">Gets the host's data source from the service provider.</param>
    /// <param name="configure">Optionally sets the schema and retries.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UsePostgreSqlStore(this IEcrmBuilder builder, Func<IServiceProvider, Npgsql.NpgsqlDataSource> dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        var options = new PostgreSqlStoreOptions();
        configure?.Invoke(options);
        options.Validate(requireConnectionString: false);
        return builder.UseStore(sp => new PostgreSqlCustomerStore(sp.GetRequiredService<IOptions<EcrmOptions>>().Value, dataSource(sp), options));
    }
}
