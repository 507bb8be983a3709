package io.flowstate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.ProcessCodec;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of schema version 1 (before listing) is migrated: its processes are listed by their recorded keys. */
class SqliteListingMigrationTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(ProcessStoreContract.START);

    @Test
    void processesWrittenBeforeTheListingColumnsAreListedAfterTheMigration() throws Exception {
        Instant updated = ProcessStoreContract.START.plusNanos(123_456_789);
        ProcessInstance old = new ProcessInstance(UUID.randomUUID(), "signup", "sha256:x", ProcessStatus.WAITING, 3,
                "address", Json.object(), null, null, ProcessStoreContract.START, updated,
                updated.plus(Duration.ofHours(1)), "dana");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("flowstate.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE processes (id TEXT NOT NULL PRIMARY KEY, flow_id TEXT NOT NULL,"
                    + " version INTEGER NOT NULL, status TEXT NOT NULL, expires_at INTEGER NOT NULL,"
                    + " record TEXT NOT NULL)");
            statement.execute("CREATE INDEX processes_by_expiry ON processes (expires_at)");
            statement.execute("CREATE TABLE events (process_id TEXT NOT NULL, version INTEGER NOT NULL,"
                    + " type TEXT NOT NULL, at INTEGER NOT NULL, payload TEXT NOT NULL,"
                    + " PRIMARY KEY (process_id, version))");
            statement.execute("CREATE TABLE idempotency (scope TEXT NOT NULL, idem_key TEXT NOT NULL,"
                    + " fingerprint TEXT NOT NULL, response_status INTEGER, response_headers TEXT,"
                    + " response_body BLOB, expires_at INTEGER NOT NULL, PRIMARY KEY (scope, idem_key))");
            statement.execute("CREATE INDEX idempotency_by_expiry ON idempotency (expires_at)");
            statement.execute("PRAGMA user_version = 1");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processes"
                    + " (id, flow_id, version, status, expires_at, record) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, old.processId().toString());
                insert.setString(2, old.flowId());
                insert.setLong(3, old.version());
                insert.setString(4, old.status().wireName());
                insert.setLong(5, old.expiresAt().toEpochMilli());
                insert.setString(6, ProcessCodec.encode(old));
                insert.executeUpdate();
            }
        }

        try (SqliteProcessStore store = new SqliteProcessStore(new SqliteOptions(dataDir, false, 100), clock)) {
            ProcessQuery waitingAtAddress = new ProcessQuery(null, null, "address", "dana", null, 10, null);
            assertThat(store.list(waitingAtAddress).processes()).containsExactly(old);
            ListingCursor justAfter = new ListingCursor(updated.toEpochMilli(), old.processId() + "~");
            ListingCursor exactly = ListingCursor.of(old);
            assertThat(store.list(ProcessQuery.all(10).after(justAfter)).processes()).containsExactly(old);
            assertThat(store.list(ProcessQuery.all(10).after(exactly)).processes()).isEmpty();
        }
    }
}
