package io.flowstate.sqlite;

import io.flowstate.core.store.StoreUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one thread that writes the file. It takes every write queued since its last commit (up to
 * {@value #MAX_BATCH}), runs them in one transaction, each inside its own savepoint, and commits once; only then
 * does any of their callers get an answer. A write that fails (a constraint, a bug in its work) rolls back to its
 * savepoint and fails alone; a failed commit fails the whole batch, and nothing of it is stored. Under load one
 * commit, and with {@code synchronous=FULL} one fsync, serves many writes; alone, a write commits as soon as it
 * arrives, on its caller's own thread.
 *
 * <p>That last case is the common one at low load, and handing a lone write to this thread and its answer back costs
 * two thread wake-ups, more than its commit. So a caller that finds the queue empty and the connection free runs
 * its write and commits it itself, under the same lock this thread holds for a batch ({@link #tryAlone}); anyone
 * else queues. Either way one transaction at a time holds the connection, and after-commit hooks run in commit
 * order. Callers that queue wait on a future, so a virtual thread waiting for the writer unmounts instead of
 * pinning its carrier while another write holds the connection.
 */
final class GroupCommit implements Runnable {

    static final int MAX_BATCH = 64;

    private final SqliteSession session;
    private final Function<SQLException, StoreUnavailableException> unavailable;
    private final Runnable afterEachCommit;
    private final LinkedBlockingQueue<WriteRequest<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock connection = new ReentrantLock();
    private boolean closed; // guarded by connection
    private final WriteRequest<Boolean> stop = new WriteRequest<>(session -> Boolean.TRUE, result -> {
    }, false);

    GroupCommit(SqliteSession session, Function<SQLException, StoreUnavailableException> unavailable,
                Runnable afterEachCommit) {
        this.session = session;
        this.unavailable = unavailable;
        this.afterEachCommit = afterEachCommit;
    }

    void submit(WriteRequest<?> request) {
        queue.add(request);
    }

    /**
     * Runs {@code request} on the caller's thread when no write is queued and the connection is free; false when the
     * caller must {@link #submit} it instead. When true, the request has its outcome.
     */
    boolean tryAlone(WriteRequest<?> request) {
        if (!request.inTransaction() || !queue.isEmpty() || connection.isHeldByCurrentThread()
                || !connection.tryLock()) {
            return false;
        }
        try {
            if (closed || !queue.isEmpty()) {
                return false;
            }
            run(List.of(request));
            return true;
        } finally {
            connection.unlock();
        }
    }

    /** True on a thread running a transaction on the connection (a hook of one of its writes, say). */
    boolean inTransactionHere() {
        return connection.isHeldByCurrentThread();
    }

    /** Asks the thread to finish the writes already queued and stop. */
    void stop() {
        queue.add(stop);
    }

    /** Waits for a write running on its caller's thread to finish, and refuses any after it. */
    void close() {
        connection.lock();
        try {
            closed = true;
        } finally {
            connection.unlock();
        }
    }

    @Override
    public void run() {
        List<WriteRequest<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            connection.lock();
            try {
                queue.drainTo(batch, MAX_BATCH - 1);
                stopping = batch.remove(stop);
                run(batch);
            } finally {
                connection.unlock();
            }
            batch.clear();
        }
        StoreUnavailableException closed = new StoreUnavailableException("the SQLite store is closed");
        for (WriteRequest<?> left; (left = queue.poll()) != null; ) {
            if (left.take()) {
                left.failed(closed);
            }
        }
    }

    private void run(List<WriteRequest<?>> batch) {
        try {
            runBatch(batch);
        } catch (RuntimeException | Error e) {
            batch.forEach(request -> request.failed(e)); // requests already answered ignore this
            rollbackQuietly(e);
        }
    }

    private void runBatch(List<WriteRequest<?>> batch) {
        List<WriteRequest<?>> writes = new ArrayList<>();
        List<WriteRequest<?>> reads = new ArrayList<>();
        for (WriteRequest<?> request : batch) {
            if (request.take()) {
                (request.inTransaction() ? writes : reads).add(request);
            }
        }
        if (!writes.isEmpty()) {
            commit(writes);
        }
        for (WriteRequest<?> read : reads) {
            try {
                read.run(session);
                read.committed();
            } catch (SQLException e) {
                read.failed(unavailable.apply(e));
            } catch (RuntimeException e) {
                read.failed(e);
            }
        }
    }

    private void commit(List<WriteRequest<?>> writes) {
        try {
            session.control("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            StoreUnavailableException failure = unavailable.apply(e);
            writes.forEach(write -> write.failed(failure));
            return;
        }
        List<WriteRequest<?>> ran = writes.size() == 1 ? runAlone(writes.getFirst()) : runEach(writes);
        if (ran.isEmpty()) {
            rollbackQuietly(null);
            return;
        }
        try {
            session.control("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly(e);
            StoreUnavailableException failure = unavailable.apply(e);
            ran.forEach(write -> write.failed(failure));
            return;
        }
        ran.forEach(WriteRequest::committed);
        afterEachCommit.run();
    }

    /** One write needs no savepoint: if it fails, the transaction rolls back. */
    private List<WriteRequest<?>> runAlone(WriteRequest<?> write) {
        try {
            write.run(session);
            return List.of(write);
        } catch (SQLException e) {
            write.failed(unavailable.apply(e));
        } catch (RuntimeException e) {
            write.failed(e);
        }
        return List.of();
    }

    /** Each write in its own savepoint; the ones that ran, in order. */
    private List<WriteRequest<?>> runEach(List<WriteRequest<?>> writes) {
        List<WriteRequest<?>> ran = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            WriteRequest<?> write = writes.get(i);
            try {
                session.control("SAVEPOINT write");
                write.run(session);
                session.control("RELEASE write");
                ran.add(write);
            } catch (SQLException | RuntimeException e) {
                write.failed(e instanceof SQLException sql ? unavailable.apply(sql) : e);
                if (!undo(e)) {
                    // SQLite rolled the whole transaction back (an I/O error, a full disk): the writes that ran
                    // are gone with it, and the rest must not run outside a transaction.
                    StoreUnavailableException lost = new StoreUnavailableException(
                            "an SQLite write of the same batch failed and rolled the batch back", e);
                    ran.forEach(done -> done.failed(lost));
                    writes.subList(i + 1, writes.size()).forEach(rest -> rest.failed(lost));
                    return List.of();
                }
            }
        }
        return ran;
    }

    /** Rolls back to the failed write's savepoint; false when the transaction itself is gone. */
    private boolean undo(Exception cause) {
        try {
            session.control("ROLLBACK TO write");
            session.control("RELEASE write");
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private void rollbackQuietly(@org.jspecify.annotations.Nullable Throwable cause) {
        try {
            session.control("ROLLBACK");
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
