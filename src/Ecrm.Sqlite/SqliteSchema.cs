using Microsoft.Data.Sqlite;

namespace Ecrm.Sqlite;

/// <summary>
/// The store's schema and its forward migrations. The version lives in <c>PRAGMA user_version</c>; opening a file
/// applies every migration above it in one transaction, and refuses a file written by a newer SDK.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, in order: migration i brings the schema from version i to i + 1.</summary>
    public static readonly string[][] Migrations =
    [
        // 1: the log. seq orders the replay and finds entries to rewrite. No secondary index here: while the graph was
        // rebuilt in memory from the log it knew every event id (version 5 keeps them in the graph index instead).
        [
            """
            CREATE TABLE ecrm_log (
                seq         INTEGER PRIMARY KEY,
                event_id    TEXT,
                occurred_at INTEGER,
                undo_merge  TEXT,
                payload     BLOB,
                CHECK ((event_id IS NULL) <> (undo_merge IS NULL))
            )
            """,
        ],

        // 2: the erasure audit log (no personal data).
        [
            """
            CREATE TABLE ecrm_erasures (
                id                 TEXT PRIMARY KEY,
                customer_id        TEXT NOT NULL,
                pseudonym          TEXT NOT NULL,
                events_rewritten   INTEGER NOT NULL,
                identities_removed INTEGER NOT NULL,
                requested_by       TEXT NOT NULL,
                reason             TEXT,
                erased_at          TEXT NOT NULL
            )
            """,
        ],

        // 3: the graph index (see SqliteGraphIndex), which lets the store open without replaying the log. Written in
        // large batches of rows sorted by key; ecrm_index.seq says up to which log entry it holds, 0 until it is first
        // written (a store migrated from version 2 replays its log once and writes the index whole). One b-tree per
        // table where possible: each row of a random-keyed b-tree costs a page write, each secondary index another.
        [
            """
            CREATE TABLE ecrm_identities (
                kind             TEXT NOT NULL,
                scope            TEXT NOT NULL,
                value            TEXT NOT NULL,
                customer_id      TEXT NOT NULL,
                first_seen       INTEGER NOT NULL,
                first_seen_event TEXT NOT NULL,
                PRIMARY KEY (kind, scope, value)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX ecrm_identities_customer ON ecrm_identities (customer_id)",
            """
            CREATE TABLE ecrm_customers (
                id            TEXT PRIMARY KEY,
                live_id       TEXT,
                founded       INTEGER NOT NULL,
                founded_event TEXT NOT NULL,
                prospect      INTEGER NOT NULL,
                merges        BLOB,
                conflicts     BLOB,
                merged_ids    TEXT
            ) WITHOUT ROWID
            """,
            "CREATE INDEX ecrm_customers_prospects ON ecrm_customers (prospect) WHERE live_id IS NULL AND prospect = 1",
            "CREATE TABLE ecrm_placements (customer_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (customer_id, seq)) WITHOUT ROWID",
            """
            CREATE TABLE ecrm_references (
                kind  TEXT NOT NULL,
                scope TEXT NOT NULL,
                value TEXT NOT NULL,
                seq      INTEGER NOT NULL,
                actor_id TEXT NOT NULL,
                PRIMARY KEY (kind, scope, value, seq)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE ecrm_index (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                seq        INTEGER NOT NULL,
                format     TEXT,
                customers  INTEGER NOT NULL,
                identities INTEGER NOT NULL,
                events     INTEGER NOT NULL,
                merges     INTEGER NOT NULL,
                conflicts  INTEGER NOT NULL
            )
            """,
            "INSERT INTO ecrm_index VALUES (1, 0, NULL, 0, 0, 0, 0, 0)",
        ],

        // 4: derived state (see SqliteDerivedState): the population models of insights and recommendations, so that a
        // read of one customer does not recompute them from every history. Values by (document, customer), one b-tree.
        [
            "CREATE TABLE ecrm_derived (name TEXT PRIMARY KEY, format TEXT NOT NULL, payload BLOB NOT NULL)",
            "CREATE TABLE ecrm_derived_values (name TEXT NOT NULL, customer_id TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (name, customer_id)) WITHOUT ROWID",
        ],

        // 5: what a write on a working set needs (see WorkingSetLoader): each customer's raw component, so that the
        // customers a write may change together are loaded together; each identity's earliest reference, which can
        // found its customer; the shared identities, which a few loaded events would not show to be shared; and the
        // log's event ids (a table of the index, written with its other rows: an index on the log itself cost 5-6 µs an
        // insert), since the graph in memory no longer knows them all. The index format changes with it, so
        // a store migrated from version 4 replays its log once and writes the index whole.
        [
            "ALTER TABLE ecrm_customers ADD COLUMN component TEXT",
            "CREATE INDEX ecrm_customers_component ON ecrm_customers (component) WHERE component IS NOT NULL",
            "ALTER TABLE ecrm_identities ADD COLUMN first_ref INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE ecrm_shared (kind TEXT NOT NULL, scope TEXT NOT NULL, value TEXT NOT NULL, first_seen INTEGER NOT NULL, first_seen_event TEXT NOT NULL, first_ref INTEGER NOT NULL, PRIMARY KEY (kind, scope, value)) WITHOUT ROWID",
            "CREATE TABLE ecrm_event_ids (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID",
            "CREATE INDEX ecrm_log_undo ON ecrm_log (seq) WHERE undo_merge IS NOT NULL", // whether the log holds an undo, without a scan
        ],

        // 6: what undos need on a working set: the pairs of identities undone merges keep apart, filed under each of
        // the two (a working set that holds any of them takes the whole graph: see WorkingSetLoad), and each merge's
        // customer (an undo loads that customer's component). A write no longer asks whether the log holds an undo, so
        // the partial index of version 5 goes. The index format changes with it: a store migrated from version 5
        // replays its log once and writes the index whole.
        [
            "CREATE TABLE ecrm_kept_apart (kind TEXT NOT NULL, scope TEXT NOT NULL, value TEXT NOT NULL, other_kind TEXT NOT NULL, other_scope TEXT NOT NULL, other_value TEXT NOT NULL, PRIMARY KEY (kind, scope, value, other_kind, other_scope, other_value)) WITHOUT ROWID",
            "CREATE TABLE ecrm_merges (merge_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL) WITHOUT ROWID",
            "DROP INDEX ecrm_log_undo",
        ],
    ];

    public static int Current => Migrations.Length;

    /// <summary>Brings the file's schema to <see cref="Current"/>.</summary>
    /// <exception cref="EcrmException">The file was written by a newer schema.</exception>
    public static int Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Current)
        {
            throw new EcrmException($"SQLite store {path}: expected schema version {Current} or older, received version {version} (written by a newer Ecrm.Sqlite).");
        }

        if (version == Current)
        {
            return version;
        }

        using var transaction = connection.BeginTransaction();
        for (var v = version; v < Current; v++)
        {
            foreach (var sql in Migrations[v])
            {
                Execute(connection, sql, transaction);
            }
        }

        Execute(connection, $"PRAGMA user_version = {Current}", transaction);
        transaction.Commit();
        return version;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
