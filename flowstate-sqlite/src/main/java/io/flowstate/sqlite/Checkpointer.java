package io.flowstate.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from the write-ahead log back into the database file on its own connection and thread,
 * so a commit never waits for that copy and its fsyncs (SQLite would otherwise run it inside the commit that
 * crosses the log's size limit). A passive checkpoint takes no lock a writer or reader needs; one runs as soon as
 * there are new commits, with a pause of {@link #PAUSE_NANOS} between two (so under write load they run back to
 * back), and the log starts over once one has caught up with it. With {@code synchronous=NORMAL} a checkpoint is
 * also what syncs the log to disk, so this keeps the commits a power cut can take to those of about one checkpoint.
 */
final class Checkpointer implements Runnable {

    static final long PAUSE_NANOS = 10_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final SqliteSession session;
    private volatile boolean dirty;
    private volatile boolean stopped;
    private volatile @Nullable Thread thread;

    Checkpointer(SqliteSession session) {
        this.session = session;
    }

    /** A commit added pages to the log. */
    void committed() {
        if (!dirty) {
            dirty = true;
            Thread waiting = thread;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    void stop() {
        stopped = true;
        Thread waiting = thread;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!stopped) {
            if (!dirty) {
                LockSupport.park(this);
                continue;
            }
            dirty = false;
            checkpoint();
            pause();
        }
    }

    /** Waits {@link #PAUSE_NANOS} whatever unparks the thread meanwhile (a commit does), unless stopped. */
    private void pause() {
        long until = System.nanoTime() + PAUSE_NANOS;
        for (long left = PAUSE_NANOS; left > 0 && !stopped; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void checkpoint() {
        try (ResultSet row = session.prepare("PRAGMA wal_checkpoint(PASSIVE)").executeQuery()) {
            row.next();
        } catch (SQLException e) {
            // Not fatal: the log keeps the commits, and the writer's own limit still checkpoints it.
            LOG.warn("SQLite background checkpoint failed: {}", e.getMessage());
        }
    }
}
