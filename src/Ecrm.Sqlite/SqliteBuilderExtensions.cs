using Ecrm;
using Ecrm.Sqlite;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the SQLite store.</summary>
public static class SqliteBuilderExtensions
{
    /// <summary>Keeps the customer graph in a SQLite file (created if missing; opened, its log replayed, at host start-up or on first use, never inside the DI factory).</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="path">The database file.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UseSqliteStore(this IEcrmBuilder builder, string path) => builder.UseSqliteStore(o => o.Path = path);

    /// <summary>Keeps the customer graph in a SQLite file, with options.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the path and sync settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UseSqliteStore(this IEcrmBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteStoreOptions();
        configure(options);
        options.Validate();
        return builder.UseStore(sp => new SqliteCustomerStore(sp.GetRequiredService<IOptions<EcrmOptions>>().Value, options));
    }
}
