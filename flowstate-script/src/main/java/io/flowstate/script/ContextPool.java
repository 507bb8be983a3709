package io.flowstate.script;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lends locked-down contexts for exclusive use and takes them back.
 *
 * <p>Creating a context and locking it down costs tens of milliseconds in the interpreter, against a few
 * microseconds for running a trivial step in a warm one, so contexts are reused. At most
 * {@code maxContexts} exist at once: scripts are CPU-bound, so more would not add throughput on a small
 * server, only memory. Idle contexts are reused most-recently-returned first, which keeps their compiled
 * steps warm.
 */
final class ContextPool implements AutoCloseable {

    private final Supplier<SandboxContext> factory;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<SandboxContext> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ContextPool(Supplier<SandboxContext> factory, int maxContexts) {
        if (maxContexts < 1) {
            throw new IllegalArgumentException("maxContexts must be at least 1, was " + maxContexts);
        }
        this.factory = factory;
        this.permits = new Semaphore(maxContexts, true);
    }

    /**
     * Lends a context, waiting at most {@code wait} for one to become free.
     *
     * @return the context, or null when none became free in time
     * @throws IllegalStateException when the pool is closed
     */
    @Nullable SandboxContext acquire(Duration wait) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the script runner is closed");
        }
        if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        SandboxContext context = idle.pollFirst();
        if (context != null) {
            return context;
        }
        try {
            return factory.get();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Creates up to {@code count} idle contexts ahead of demand, without exceeding the pool's size. */
    void prefill(int count) {
        for (int i = 0; i < count && !closed; i++) {
            if (!permits.tryAcquire()) {
                return;
            }
            try {
                idle.offerFirst(factory.get());
            } finally {
                permits.release();
            }
        }
    }

    /** Takes back a context that is fit for the next step. */
    void release(SandboxContext context) {
        if (closed) {
            context.close();
        } else {
            idle.offerFirst(context);
        }
        permits.release();
    }

    /** Takes back the slot of a context that must not be reused; the caller has closed or cancelled it. */
    void discard() {
        permits.release();
    }

    /** Closes the idle contexts; contexts still lent out are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        for (SandboxContext context = idle.pollFirst(); context != null; context = idle.pollFirst()) {
            context.close();
        }
    }
}
