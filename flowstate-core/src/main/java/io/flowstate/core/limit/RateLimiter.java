package io.flowstate.core.limit;

/**
 * A token bucket per client: each write takes a token, and a client's bucket refills at a fixed rate up to its
 * burst size. Implementations: one bucket per client on this instance (the server's {@code LocalRateLimiter}), or
 * one bucket per client shared by every instance (the Redis module's {@code RedisRateLimiter}).
 *
 * <p>Error contract: {@link #take} never blocks for long and never throws for a client that is over its limit (that
 * is a {@link RateDecision} value); a limiter whose backing store does not answer throws
 * {@link io.flowstate.core.store.StoreUnavailableException}, and the caller decides whether to let the write through.
 * Thread-safe.
 */
@FunctionalInterface
public interface RateLimiter {

    /** A limiter that allows everything (rate limits off). */
    RateLimiter UNLIMITED = client -> RateDecision.ALLOWED;

    /**
     * Takes one token from {@code client}'s bucket.
     *
     * @param client who is writing: {@code ip:<address>}, or {@code sub:<subject>} for an authenticated caller
     */
    RateDecision take(String client);
}
