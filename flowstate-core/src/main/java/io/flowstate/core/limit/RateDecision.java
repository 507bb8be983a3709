package io.flowstate.core.limit;

import java.time.Duration;

/**
 * What a {@link RateLimiter} decided.
 *
 * @param allowed    true when a token was taken and the write may go on
 * @param retryAfter when refused, how long until the bucket holds a token again; zero when allowed
 */
public record RateDecision(boolean allowed, Duration retryAfter) {

    /** A write that may go on. */
    public static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    public RateDecision {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or positive");
        }
    }

    /** A refused write; the client may retry after {@code retryAfter}. */
    public static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }
}
