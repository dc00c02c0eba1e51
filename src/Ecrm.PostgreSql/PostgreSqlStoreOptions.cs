using System.Text.RegularExpressions;

namespace Ecrm.PostgreSql;

/// <summary>Where the PostgreSQL store keeps its tables, and how it retries.</summary>
public sealed partial class PostgreSqlStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string. Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the schema holding the tables (created when missing). Default <c>ecrm</c>.</summary>
    public string Schema { get; set; } = "ecrm";

    /// <summary>Gets or sets how many times a transient fault (a dropped connection, a failover) is retried. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Gets or sets a value indicating whether the store listens (PostgreSQL LISTEN/NOTIFY) for other instances' writes
    /// and folds them in as they commit, telling this instance's observers, so that reads on every instance follow
    /// every write within milliseconds, and an erasure anywhere is no longer served here once this instance has rebuilt its
    /// graph (a replay of the log, today). Default true; when
    /// false, an instance folds in others' writes only when it writes itself.
    /// </summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is missing or malformed; the message names it.</exception>
    public void Validate() => Validate(requireConnectionString: true);

    /// <summary>Checks the options, with or without a connection string (a store over a host's data source needs none).</summary>
    /// <param name="requireConnectionString">Whether a connection string is required.</param>
    /// <exception cref="EcrmException">An option is invalid; the message names it.</exception>
    internal void Validate(bool requireConnectionString)
    {
        if (requireConnectionString && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new EcrmException("PostgreSqlStoreOptions.ConnectionString: expected an Npgsql connection string, received none.");
        }

        if (!SchemaName().IsMatch(Schema ?? string.Empty))
        {
            throw new EcrmException($"PostgreSqlStoreOptions.Schema: expected a lowercase identifier (letters, digits, underscores, at most 63), received '{Schema}'.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new EcrmException($"PostgreSqlStoreOptions.MaxRetries: expected 0 to 10, received {MaxRetries}.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
