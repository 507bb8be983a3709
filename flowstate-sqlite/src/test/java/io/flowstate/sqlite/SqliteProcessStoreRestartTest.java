package io.flowstate.sqlite;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.response;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteProcessStoreRestartTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(ProcessStoreContract.START);

    @Test
    void stateVersionEventsAndIdempotencyRecordsSurviveCloseAndReopen() {
        ProcessInstance current = started(clock);
        List<Event> events = new ArrayList<>();
        StoredResponse answered = response(200, "{\"version\":4}");
        String scope = current.processId().toString();
        try (SqliteProcessStore store = open(true)) {
            events.add(startedEvent(current));
            store.create(current, events.getLast());
            for (int i = 0; i < 3; i++) {
                ProcessInstance next = advanced(current, clock);
                events.add(updatedEvent(next));
                store.compareAndSet(current.version(), next, events.getLast());
                current = next;
            }
            store.claimIdempotency(scope, "answered", "fp", current.expiresAt());
            store.completeIdempotency(scope, "answered", answered, current.expiresAt());
            store.claimIdempotency(scope, "in-flight", "fp", current.expiresAt());
        }

        try (SqliteProcessStore reopened = open(false)) {
            assertThat(reopened.get(current.processId())).contains(current);
            assertThat(reopened.eventsSince(current.processId(), 0)).isEqualTo(new EventLog(events, true));
            assertThat(reopened.claimIdempotency(scope, "answered", "fp", current.expiresAt()))
                    .isInstanceOfSatisfying(IdempotencyClaim.Completed.class, completed -> {
                        assertThat(completed.sameRequest()).isTrue();
                        assertThat(completed.response().status()).isEqualTo(200);
                        assertThat(completed.response().headers()).isEqualTo(answered.headers());
                        assertThat(completed.response().body()).isEqualTo(answered.body());
                    });
            assertThat(reopened.claimIdempotency(scope, "in-flight", "fp", current.expiresAt()))
                    .isEqualTo(new IdempotencyClaim.InFlight());
            ProcessInstance next = advanced(current, clock);
            assertThat(reopened.compareAndSet(current.version(), next, updatedEvent(next)))
                    .isEqualTo(new CasResult.Committed(next));
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        ProcessInstance process = started(clock);
        try (SqliteProcessStore first = open(false)) {
            first.create(process, startedEvent(process));

            assertThatThrownBy(() -> open(false)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another Flowstate server")
                    .hasMessageContaining(FileOwnership.LOCK_FILE);
            assertThat(first.get(process.processId())).contains(process);
        }
        try (SqliteProcessStore second = open(false)) {
            assertThat(second.get(process.processId())).contains(process);
        }
    }

    @Test
    void aToolBesideTheOwnerSharesTheFileForSettings() {
        try (SqliteProcessStore owner = open(false);
             SqliteProcessStore tool = new SqliteProcessStore(new SqliteOptions(dataDir, false, 100).beside(), clock)) {
            tool.putSetting("migration", "{\"enabled\":true}");

            assertThat(owner.setting("migration")).contains("{\"enabled\":true}");
        }
    }

    @Test
    void expiryKeepsCountingAcrossARestart() {
        ProcessInstance process = started(clock, Duration.ofMinutes(10));
        try (SqliteProcessStore store = open(false)) {
            store.create(process, startedEvent(process));
        }
        clock.advance(Duration.ofMinutes(10));

        try (SqliteProcessStore reopened = open(false)) {
            assertThat(reopened.get(process.processId())).isEmpty();
            assertThat(reopened.sweepExpired(10).unfinished()).containsExactly(process);
            assertThat(reopened.size()).isZero();
        }
    }

    @Test
    void keepsOneFileInWalModeAndRecordsTheSchemaVersion() throws Exception {
        open(false).close();

        assertThat(Files.exists(dataDir.resolve(SqliteOptions.FILE_NAME))).isTrue();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("flowstate.db"));
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(statement, "PRAGMA user_version")).isEqualTo(String.valueOf(Schema.CURRENT));
        }
    }

    @Test
    void refusesAFileWrittenByANewerRelease() throws Exception {
        open(false).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("flowstate.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }

        assertThatThrownBy(() -> open(false))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void operationsOnAClosedStoreFailAsUnavailable() {
        SqliteProcessStore store = open(false);
        store.ping();
        store.close();

        assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.get(started(clock).processId()))
                .isInstanceOf(StoreUnavailableException.class);
        ProcessInstance process = started(clock);
        assertThatThrownBy(() -> store.create(process, startedEvent(process)))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void unusableDataDirectoryFailsAsUnavailable() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> new SqliteProcessStore(new SqliteOptions(file, false, 10), clock))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not-a-directory");
    }

    private SqliteProcessStore open(boolean strict) {
        return new SqliteProcessStore(new SqliteOptions(dataDir, strict, 100), clock);
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
