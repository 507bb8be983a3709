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
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one SQLite file: a single writer connection owned by the {@link GroupCommit} thread, so
 * write transactions never contend inside SQLite and concurrent writes share commits; a {@link Checkpointer}
 * with its own connection; and a small pool of read-only connections, which WAL lets read while the writer
 * writes. The file belongs to this store alone while it is open ({@link FileOwnership}). Every {@link SQLException} leaves here as {@link StoreUnavailableException}.
 */
final class SqliteConnections implements AutoCloseable {

    /**
     * Log pages after which the writer checkpoints inside a commit, in case the background checkpoints never catch
     * up with a log that is written without pause (SQLite's default is 1,000).
     */
    static final int WRITER_CHECKPOINT_PAGES = 10_000;

    private final SqliteOptions options;
    private final @Nullable FileOwnership ownership;
    private final @Nullable SqliteSession writer;
    private final @Nullable SqliteSession checkpoints;
    private final BlockingQueue<SqliteSession> readers;
    private final List<SqliteSession> allReaders = new ArrayList<>();
    private final @Nullable GroupCommit groupCommit;
    private final @Nullable Checkpointer checkpointer;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    @SuppressWarnings("NullAway.Init") // close() of a half-built instance copes with the fields still null
    SqliteConnections(SqliteOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the data directory " + options.dataDir(), e);
        }
        this.ownership = options.owner() ? FileOwnership.take(options.dataDir()) : null;
        this.readers = new ArrayBlockingQueue<>(Math.max(1, options.readConnections()));
        SqliteSession opened = null;
        SqliteSession checkpointSession = null;
        try {
            opened = open(writerConfig());
            Schema.migrate(opened);
            checkpointSession = open(writerConfig());
            for (int i = 0; i < options.readConnections(); i++) {
                SqliteSession reader = open(readerConfig());
                allReaders.add(reader);
                readers.add(reader);
            }
        } catch (SQLException | RuntimeException e) {
            this.writer = opened;
            this.checkpoints = checkpointSession;
            this.groupCommit = null;
            this.checkpointer = null;
            close();
            throw e instanceof SQLException sql ? unavailable("cannot open", sql) : (RuntimeException) e;
        }
        this.writer = opened;
        this.checkpoints = checkpointSession;
        this.checkpointer = new Checkpointer(checkpointSession);
        this.groupCommit = new GroupCommit(opened, e -> unavailable("failed on", e), checkpointer::committed);
        threads.add(Thread.ofPlatform().daemon().name("flowstate-sqlite-writer").start(groupCommit));
        threads.add(Thread.ofPlatform().daemon().name("flowstate-sqlite-checkpoint").start(checkpointer));
    }

    /**
     * Runs {@code work} in the writer's next transaction, inside its own savepoint, and answers once that
     * transaction has committed; when {@code work} throws, only its own changes roll back. {@code afterCommit}
     * runs with the result on the writer thread, after the commit and before the next transaction, so whatever it
     * enqueues is in commit order.
     */
    <T> T write(SqlWork<T> work, Consumer<T> afterCommit) {
        return submit(new WriteRequest<>(work, afterCommit, true));
    }

    /** Runs {@code work} in one write transaction; rolls back its changes when it throws. */
    <T> T write(SqlWork<T> work) {
        return write(work, result -> {
        });
    }

    /** A write that needs no read first: the same as {@link #write(SqlWork)}, which batches it with the others. */
    <T> T writeStatement(SqlWork<T> work) {
        return write(work);
    }

    /** Runs {@code work} on a read connection; each statement sees the last commit before it started. */
    <T> T read(SqlWork<T> work) {
        if (options.readConnections() == 0) {
            return submit(new WriteRequest<>(work, result -> {
            }, false));
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
        if (groupCommit != null) {
            groupCommit.stop();
        }
        if (checkpointer != null) {
            checkpointer.stop();
        }
        for (Thread thread : threads) {
            try {
                thread.join(options.busyTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (groupCommit != null) {
            groupCommit.close();
        }
        List<SQLException> failures = new ArrayList<>();
        for (SqliteSession reader : allReaders) {
            closeQuietly(reader, failures);
        }
        closeQuietly(checkpoints, failures);
        closeQuietly(writer, failures);
        if (ownership != null) {
            ownership.close();
        }
        if (!failures.isEmpty()) {
            throw unavailable("cannot close", failures.getFirst());
        }
    }

    private <T> T submit(WriteRequest<T> request) {
        ensureOpen();
        GroupCommit writes = groupCommit;
        if (writes == null || Thread.currentThread() == threads.getFirst() || writes.inTransactionHere()) {
            throw new IllegalStateException("a write cannot wait for the SQLite writer from the writer thread");
        }
        if (writes.tryAlone(request)) {
            return request.await(options.busyTimeout(), "");
        }
        writes.submit(request);
        if (closed && request.withdraw()) { // queued after the writer's last look at the queue
            ensureOpen();
        }
        return request.await(options.busyTimeout(), "the SQLite writer at " + options.file() + " stayed busy for "
                + options.busyTimeout());
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
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WRITER_CHECKPOINT_PAGES));
        // nothing reads generated keys; left on, the driver matches every statement against a pattern and runs
        // SELECT last_insert_rowid() after each INSERT: 8-12 % of the CPU of eight threads stepping on SQLite
        config.setGetGeneratedKeys(false);
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

    private static void closeQuietly(@Nullable SqliteSession session, List<SQLException> failures) {
        if (session == null) {
            return;
        }
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
