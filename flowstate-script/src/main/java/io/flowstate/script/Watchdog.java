package io.flowstate.script;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Enforces the wall-clock limit: cancels a step's context when the step outlives its deadline.
 *
 * <p>One timer thread serves every step. Cancelling (closing the context) runs on a fresh virtual thread
 * so that a slow cancellation cannot delay the deadlines of other steps.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "flowstate-script-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every step finishes in time; without this, cancelled deadlines would pile up in the queue.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts watching one step running in {@code context}. */
    Deadline watch(SandboxContext context, Duration timeout) {
        Deadline deadline = new Deadline(context);
        deadline.timer = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The deadline of one step. Exactly one of {@link #finish()} and expiry wins. */
    static final class Deadline {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int EXPIRED = 2;

        private final SandboxContext context;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile @Nullable ScheduledFuture<?> timer;

        private Deadline(SandboxContext context) {
            this.context = context;
        }

        /**
         * Marks the step as finished.
         *
         * @return true when it finished in time, so the context was not cancelled and may be reused
         */
        boolean finish() {
            boolean inTime = state.compareAndSet(RUNNING, FINISHED);
            ScheduledFuture<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            return inTime;
        }

        /** True when the deadline passed before the step finished. */
        boolean expired() {
            return state.get() == EXPIRED;
        }

        private void expire() {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                Thread.ofVirtual().name("flowstate-script-cancel").start(context::cancel);
            }
        }
    }
}
