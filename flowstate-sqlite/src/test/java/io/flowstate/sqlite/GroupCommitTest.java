package io.flowstate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes queued behind a busy writer share one transaction, and each keeps its own outcome. */
class GroupCommitTest {

    @TempDir
    Path dataDir;

    private SqliteConnections connections;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    @BeforeEach
    void open() {
        connections = new SqliteConnections(new SqliteOptions(dataDir, false, 10, 1, Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        release.countDown();
        connections.close();
    }

    @Test
    void aFailingWriteInABatchFailsAloneAndItsNeighboursCommit() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(this::holdTheWriter);
            holding.await(5, TimeUnit.SECONDS);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "w" + i;
                boolean fails = i % 3 == 0;
                writes.add(threads.submit(() -> connections.write(session -> {
                    insert(session, name);
                    if (fails) {
                        session.prepare("INSERT INTO settings (name, value) VALUES (NULL, 'x')").executeUpdate();
                    }
                    return name;
                })));
            }
            Thread.sleep(200); // let them queue behind the held writer
            release.countDown();
            holder.get(5, TimeUnit.SECONDS);

            for (int i = 0; i < writes.size(); i++) {
                Future<?> write = writes.get(i);
                if (i % 3 == 0) {
                    assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                            .hasCauseInstanceOf(StoreUnavailableException.class);
                    assertThat(stored("w" + i)).isFalse();
                } else {
                    assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo("w" + i);
                    assertThat(stored("w" + i)).isTrue();
                }
            }
        }
    }

    @Test
    void aWriteStillQueuedWhenTheCallerGivesUpNeverRuns() throws Exception {
        connections.close();
        connections = new SqliteConnections(new SqliteOptions(dataDir, false, 10, 1, Duration.ofMillis(200)));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(this::holdTheWriter);
            holding.await(5, TimeUnit.SECONDS);

            assertThatThrownBy(() -> connections.write(session -> insert(session, "late")))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("stayed busy");

            release.countDown();
            holder.get(5, TimeUnit.SECONDS);
            connections.write(session -> insert(session, "after"));
            assertThat(stored("late")).isFalse();
            assertThat(stored("after")).isTrue();
        }
    }

    @Test
    void aLoneWriteCommitsOnItsCallersThread() {
        Thread caller = Thread.currentThread();
        Thread ranOn = connections.write(session -> {
            insert(session, "alone");
            return Thread.currentThread();
        });
        assertThat(ranOn).isSameAs(caller);
        assertThat(stored("alone")).isTrue();
    }

    @Test
    void writesArrivingWhileOneRunsOnItsCallersThreadQueueAndCommitAfterIt() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(this::holdTheWriter); // runs on its own thread, holding the connection
            holding.await(5, TimeUnit.SECONDS);
            List<Future<Thread>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = "q" + i;
                writes.add(threads.submit(() -> connections.write(session -> {
                    insert(session, name);
                    return Thread.currentThread();
                })));
            }
            Thread.sleep(100);
            assertThat(stored("q0")).isFalse();
            release.countDown();
            holder.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < writes.size(); i++) {
                assertThat(writes.get(i).get(5, TimeUnit.SECONDS).getName()).isEqualTo("flowstate-sqlite-writer");
                assertThat(stored("q" + i)).isTrue();
            }
        }
    }

    @Test
    void aWriteFromInsideAWriteIsRefusedRatherThanDeadlocked() {
        assertThatThrownBy(() -> connections.write(session -> connections.write(inner -> insert(inner, "inner"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stored("inner")).isFalse();
    }

    /** A write that keeps the writer thread until {@link #release}, so the next writes queue up. */
    private String holdTheWriter() {
        return connections.write(session -> {
            holding.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insert(session, "holder");
        });
    }

    private static String insert(SqliteSession session, String name) throws java.sql.SQLException {
        PreparedStatement insert = session.prepare("INSERT INTO settings (name, value) VALUES (?, 'v')");
        insert.setString(1, name);
        insert.executeUpdate();
        return name;
    }

    private boolean stored(String name) {
        return connections.read(session -> {
            PreparedStatement select = session.prepare("SELECT 1 FROM settings WHERE name = ?");
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        });
    }
}
