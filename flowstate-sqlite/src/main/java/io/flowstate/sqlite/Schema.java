package io.flowstate.sqlite;

import io.flowstate.core.store.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The tables of the store and their migrations. The schema version is SQLite's {@code user_version}
 * pragma: 0 for a new file, then the number of the last migration applied. A later release appends a
 * migration to {@link #MIGRATIONS}; nothing is ever edited in place.
 */
final class Schema {

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE processes (
                id          TEXT    NOT NULL PRIMARY KEY,
                flow_id     TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                status      TEXT    NOT NULL,
                expires_at  INTEGER NOT NULL,
                record      TEXT    NOT NULL
            )""",
            "CREATE INDEX processes_by_expiry ON processes (expires_at)",
            """
            CREATE TABLE events (
                process_id  TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                type        TEXT    NOT NULL,
                at          INTEGER NOT NULL,
                payload     TEXT    NOT NULL,
                PRIMARY KEY (process_id, version)
            )""",
            """
            CREATE TABLE idempotency (
                scope            TEXT    NOT NULL,
                idem_key         TEXT    NOT NULL,
                fingerprint      TEXT    NOT NULL,
                response_status  INTEGER,
                response_headers TEXT,
                response_body    BLOB,
                expires_at       INTEGER NOT NULL,
                PRIMARY KEY (scope, idem_key)
            )""",
            "CREATE INDEX idempotency_by_expiry ON idempotency (expires_at)"),
            List.of("""
            CREATE TABLE settings (
                name   TEXT NOT NULL PRIMARY KEY,
                value  TEXT NOT NULL
            )"""),
            // 3: listing (docs/decisions/0006-listing-consistency.md): the key and filters as columns, rows of the
            // previous release filled from their JSON record (ISO-8601 updatedAt, read to the millisecond)
            List.of(
                    "ALTER TABLE processes ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE processes ADD COLUMN owner TEXT",
                    "ALTER TABLE processes ADD COLUMN current_step TEXT",
                    "UPDATE processes SET"
                            + " updated_at = CAST(strftime('%s', json_extract(record, '$.updatedAt')) AS INTEGER) * 1000"
                            + " + CAST(substr(strftime('%f', json_extract(record, '$.updatedAt')), 4) AS INTEGER),"
                            + " owner = json_extract(record, '$.owner'),"
                            + " current_step = json_extract(record, '$.currentStep')",
                    "CREATE INDEX processes_by_update ON processes (updated_at DESC, id DESC)",
                    "CREATE INDEX processes_by_flow ON processes (flow_id, updated_at DESC, id DESC)",
                    "CREATE INDEX processes_by_owner ON processes (owner, updated_at DESC, id DESC)"),
            // 4: only owned processes in the owner index, so a step of a process without owner (every process when
            // auth.mode is not jwt) changes one index page fewer; a listing by owner (owner = ?) still uses it
            List.of(
                    "DROP INDEX processes_by_owner",
                    "CREATE INDEX processes_by_owner ON processes (owner, updated_at DESC, id DESC)"
                            + " WHERE owner IS NOT NULL"));

    /** The schema version this build writes. */
    static final int CURRENT = MIGRATIONS.size();

    private Schema() {
    }

    /** Brings the file up to {@link #CURRENT}; refuses a file written by a newer release. */
    static void migrate(SqliteSession session) throws SQLException {
        session.execute("BEGIN IMMEDIATE");
        try {
            int version = userVersion(session);
            if (version > CURRENT) {
                throw new StoreUnavailableException("the SQLite file has schema version " + version
                        + ", newer than this release understands (" + CURRENT + ")");
            }
            for (int next = version; next < CURRENT; next++) {
                for (String statement : MIGRATIONS.get(next)) {
                    session.execute(statement);
                }
            }
            session.execute("PRAGMA user_version = " + CURRENT);
            session.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            session.execute("ROLLBACK");
            throw e;
        }
    }

    static int userVersion(SqliteSession session) throws SQLException {
        try (ResultSet rows = session.prepare("PRAGMA user_version").executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
