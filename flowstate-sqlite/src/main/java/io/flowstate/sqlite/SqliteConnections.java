package io.flowstate.sqlite;

import io.flowstate.core.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one SQLite file: a single writer behind a lock, so write transactions never contend
 * inside SQLite, and a small pool of read-only connections, which WAL lets read while the writer writes.
 * Every {@link SQLException} leaves here as {@link StoreUnavailableException}.
 */
final class SqliteConnections implements AutoCloseable {

    private final SqliteOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SqliteSession writer;
    private final BlockingQueue<SqliteSession> readers;
    private final List<SqliteSession> allReaders = new ArrayList<>();
    private volatile boolean closed;

    SqliteConnections(SqliteOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the data directory " + options.dataDir(), e);
        }
        this.readers = new ArrayBlockingQueue<>(Math.max(1, options.readConnections()));
        try {
            this.writer = open(writerConfig());
            Schema.migrate(writer);
            for (int i = 0; i < options.readConnections(); i++) {
                SqliteSession reader = open(readerConfig());
                allReaders.add(reader);
                readers.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw unavailable("cannot open", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE … COMMIT}); rolls back when it
     * throws. {@code afterCommit} runs with the result while the writer is still held, so whatever it
     * enqueues is in commit order.
     */
    <T> T write(SqlWork<T> work, Consumer<T> afterCommit) {
        return withWriter(session -> {
            session.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run(session);
                session.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(session, e);
                throw e;
            }
            afterCommit.accept(result);
            return result;
        });
    }

    /** Runs {@code work} in one write transaction; rolls back when it throws. */
    <T> T write(SqlWork<T> work) {
        return write(work, result -> {
        });
    }

    /** Runs one autocommit statement group on the writer, for writes that need no read first. */
    <T> T writeStatement(SqlWork<T> work) {
        return withWriter(work);
    }

    /** Runs {@code work} on a read connection; each statement sees the last commit before it started. */
    <T> T read(SqlWork<T> work) {
        if (options.readConnections() == 0) {
            return withWriter(work);
        }
        SqliteSession reader = borrowReader();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw unavailable("failed on", e);
        } finally {
            readers.add(reader);
        }
    }

    @Override
    public void close() {
        closed = true;
        List<SQLException> failures = new ArrayList<>();
        for (SqliteSession reader : allReaders) {
            closeQuietly(reader, failures);
        }
        if (writer != null) {
            writeLock.lock();
            try {
                closeQuietly(writer, failures);
            } finally {
                writeLock.unlock();
            }
        }
        if (!failures.isEmpty()) {
            throw unavailable("cannot close", failures.getFirst());
        }
    }

    private <T> T withWriter(SqlWork<T> work) {
        acquire();
        try {
            ensureOpen();
            return work.run(writer);
        } catch (SQLException e) {
            throw unavailable("failed on", e);
        } finally {
            writeLock.unlock();
        }
    }

    private void acquire() {
        try {
            if (!writeLock.tryLock(options.busyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException("the SQLite writer at " + options.file() + " stayed busy for "
                        + options.busyTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the SQLite writer", e);
        }
    }

    private SqliteSession borrowReader() {
        ensureOpen();
        SqliteSession reader;
        try {
            reader = readers.poll(options.busyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for an SQLite read connection", e);
        }
        if (reader == null) {
            throw new StoreUnavailableException("no SQLite read connection was free within " + options.busyTimeout());
        }
        if (closed) {
            readers.add(reader);
            ensureOpen();
        }
        return reader;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException("the SQLite store at " + options.file() + " is closed");
        }
    }

    private SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(options.strictDurability()
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        return config;
    }

    private SQLiteConfig readerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        return config;
    }

    private SqliteSession open(SQLiteConfig config) throws SQLException {
        return new SqliteSession(DriverManager.getConnection("jdbc:sqlite:" + options.file(), config.toProperties()));
    }

    private static void rollback(SqliteSession session, Exception cause) {
        try {
            session.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(SqliteSession session, List<SQLException> failures) {
        try {
            session.close();
        } catch (SQLException e) {
            failures.add(e);
        }
    }

    private StoreUnavailableException unavailable(String action, SQLException e) {
        return new StoreUnavailableException("SQLite " + action + " " + options.file() + ": " + e.getMessage(), e);
    }
}
