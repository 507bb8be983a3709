package io.flowstate.redis;

import io.flowstate.core.store.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
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
 */
final class RedisFailures {

    /** Error reply prefixes of a Redis that is up but cannot serve right now. */
    private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "READONLY",
            "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS", "OOM", "MOVED", "ASK", "UNBLOCKED");

    private final Duration timeout;

    /** @param commandTimeout the client's own command timeout; the wait adds a margin so that fires first */
    RedisFailures(Duration commandTimeout) {
        this.timeout = commandTimeout.plusMillis(250);
    }

    <T> T await(CompletableFuture<T> reply) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new StoreUnavailableException("Redis did not answer within " + timeout.toMillis() + " ms", e);
        } catch (CancellationException e) {
            throw new StoreUnavailableException("Redis command was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for Redis", e);
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
