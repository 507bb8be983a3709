package io.flowstate.redis;

import io.flowstate.core.store.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Waits for Redis replies and sorts failures: anything that means "Redis cannot answer now" (connection
 * refused or lost, commands rejected while disconnected, timeouts, a server still loading its data, a
 * cluster or replica not ready) becomes {@link StoreUnavailableException}; an error reply that means a
 * bug (a script error, a wrong key type) becomes {@link IllegalStateException}.
 *
 * <p>The wait itself has no time-out: a timed wait of a virtual thread puts a task on the JDK's delay
 * scheduler and wakes its thread, once to add and once to cancel, two thread wake-ups for every Redis
 * call on a two-core machine (docs/benchmarks.md, "Step cost"). Lettuce's own command time-out ends every
 * command; as a backstop, the same hashed-wheel timer Lettuce uses for it (which ticks on its own, adding to
 * it wakes no thread) fails the wait a margin later.
 */
final class RedisFailures {

    /** Error reply prefixes of a Redis that is up but cannot serve right now. */
    private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "READONLY",
            "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS", "OOM", "MOVED", "ASK", "UNBLOCKED");

    private final Duration timeout;
    private final Timer timer;

    /**
     * @param commandTimeout the client's own command timeout; the wait adds a margin so that fires first
     * @param timer          the client's timer, for the backstop
     */
    RedisFailures(Duration commandTimeout, Timer timer) {
        this.timeout = commandTimeout.plusMillis(250);
        this.timer = timer;
    }

    <T> T await(CompletableFuture<T> reply) {
        Timeout backstop = reply.isDone() ? null : timer.newTimeout(fired -> reply.completeExceptionally(
                new TimeoutException()),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return reply.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException late) {
                throw new StoreUnavailableException("Redis did not answer within " + timeout.toMillis() + " ms", late);
            }
            throw translate(cause);
        } catch (CancellationException e) {
            throw new StoreUnavailableException("Redis command was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for Redis", e);
        } finally {
            if (backstop != null) {
                backstop.cancel();
            }
        }
    }

    static RuntimeException translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RedisCommandExecutionException reply && !isTransient(reply.getMessage())) {
            return new IllegalStateException("Redis rejected a store command: " + reply.getMessage(), reply);
        }
        if (cause instanceof RedisException || cause instanceof java.io.IOException) {
            return new StoreUnavailableException("Redis is unavailable: " + cause.getMessage(), cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new StoreUnavailableException("Redis call failed: " + cause, cause);
    }

    private static boolean isTransient(@Nullable String message) {
        if (message == null) {
            return false;
        }
        return TRANSIENT_REPLIES.stream().anyMatch(message::startsWith);
    }
}
