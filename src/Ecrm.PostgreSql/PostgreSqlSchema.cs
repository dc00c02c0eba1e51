namespace Ecrm.PostgreSql;

/// <summary>The store's forward migrations (<c>{schema}</c> is replaced); the version lives in <c>ecrm_meta</c>.</summary>
internal static class PostgreSqlSchema
{
    public static readonly string[][] Migrations =
    [
        // 1: the log (seq is assigned by the writer holding the advisory lock, so it follows commit order).
        ["CREATE TABLE {schema}.ecrm_log (seq BIGINT PRIMARY KEY, event_id TEXT, occurred_at BIGINT, undo_merge TEXT, payload BYTEA, CHECK ((event_id IS NULL) <> (undo_merge IS NULL)))"],

        // 2: the erasure audit log (no personal data).
        ["CREATE TABLE {schema}.ecrm_erasures (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, pseudonym TEXT NOT NULL, events_rewritten INTEGER NOT NULL, identities_removed INTEGER NOT NULL, requested_by TEXT NOT NULL, reason TEXT, erased_at TIMESTAMPTZ NOT NULL)"],
    ];
}
