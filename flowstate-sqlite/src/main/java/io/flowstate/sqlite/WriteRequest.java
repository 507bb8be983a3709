package io.flowstate.sqlite;

import io.flowstate.core.store.StoreUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One caller's work queued for the {@link GroupCommit} writer. The caller waits for it to be taken, run and
 * committed; it may give up only while the work is still queued, so a caller told "unavailable" knows its write
 * never ran, and a caller that got a result knows the commit holding its write returned.
 */
final class WriteRequest<T> {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private final SqlWork<T> work;
    private final Consumer<T> afterCommit;
    private final boolean inTransaction;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private @Nullable T result;

    /**
     * @param inTransaction false for a read sent through the writer connection (when there is no read pool): it
     *                      runs after the batch's commit, outside any transaction
     */
    WriteRequest(SqlWork<T> work, Consumer<T> afterCommit, boolean inTransaction) {
        this.work = work;
        this.afterCommit = afterCommit;
        this.inTransaction = inTransaction;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Called by the writer: true if the caller still waits, and from now on it cannot withdraw. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** Runs the work on the writer's session and keeps its result until the commit. */
    void run(SqliteSession session) throws SQLException {
        result = work.run(session);
    }

    /** The commit returned: runs the after-commit hook on the writer (so hooks run in commit order) and answers. */
    @SuppressWarnings("NullAway") // the result of a work that ran; null only where T admits it
    void committed() {
        T value = result;
        try {
            afterCommit.accept(value);
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        outcome.complete(value);
    }

    /** The work or its commit failed; nothing of it is stored. */
    void failed(Throwable failure) {
        result = null;
        outcome.completeExceptionally(failure);
    }

    /**
     * Waits for the answer. When the work is still queued after {@code patience} (or the wait is interrupted) the
     * caller withdraws it and gets {@link StoreUnavailableException}; once taken, it waits for the commit.
     */
    T await(Duration patience, String busyMessage) {
        try {
            return outcome.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                throw new StoreUnavailableException(busyMessage);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                throw new StoreUnavailableException("interrupted while waiting for the SQLite writer", e);
            }
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
        try {
            return outcome.join(); // taken: the write is running or committing, its outcome is coming
        } catch (CompletionException e) {
            throw rethrow(e);
        }
    }

    /** Withdraws the work if the writer has not taken it; true if it will never run. */
    boolean withdraw() {
        return state.compareAndSet(QUEUED, WITHDRAWN);
    }

    private static RuntimeException rethrow(Exception wrapper) {
        Throwable cause = wrapper.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new StoreUnavailableException("the SQLite writer failed", cause == null ? wrapper : cause);
    }
}
