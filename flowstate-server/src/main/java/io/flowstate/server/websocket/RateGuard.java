package io.flowstate.server.websocket;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A socket's message rate: a token bucket, plus a count of refusals that is forgotten only once the client has kept
 * to the rate for a second — a flood interleaved with the odd accepted message (the bucket refills while the server
 * works) is still a flood, and closes the connection.
 */
final class RateGuard {

    enum Verdict { ACCEPT, REFUSE, REFUSE_AND_CLOSE }

    private static final long REFUSALS_FORGOTTEN_AFTER = Duration.ofSeconds(1).toNanos();

    private final TokenBucket bucket;
    private final int closeAfter;
    private final LongSupplier nanoTime;
    private int refusals;
    private long lastRefusal;

    RateGuard(SocketLimits limits, LongSupplier nanoTime) {
        this.bucket = new TokenBucket(limits.messagesPerSecond(), limits.burst(), nanoTime);
        this.closeAfter = limits.burst();
        this.nanoTime = nanoTime;
    }

    Verdict check() {
        if (!bucket.tryTake()) {
            refusals++;
            lastRefusal = nanoTime.getAsLong();
            return refusals >= closeAfter ? Verdict.REFUSE_AND_CLOSE : Verdict.REFUSE;
        }
        if (refusals > 0 && nanoTime.getAsLong() - lastRefusal > REFUSALS_FORGOTTEN_AFTER) {
            refusals = 0;
        }
        return Verdict.ACCEPT;
    }
}
