package io.flowstate.server.websocket;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. One per connection, used by that
 * connection's reader only, so it needs no locking. Time comes from a nanosecond source, so tests need no sleeps.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be >= 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token if there is one. */
    boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
