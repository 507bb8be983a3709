package io.flowstate.sqlite;

import java.time.Instant;

/** Instants as the epoch milliseconds SQLite compares, saturating instead of overflowing. */
final class Millis {

    private Millis() {
    }

    /** {@code instant} truncated to milliseconds; instants beyond the range of a long clamp to its ends. */
    static long of(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
