using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite.Tests;

/// <summary>Direct access to a store's file while no store holds it (the store opens it exclusively).</summary>
internal static class SqliteFile
{
    /// <summary>Runs a statement on the file.</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Counts a table's rows.</summary>
    public static long Count(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
