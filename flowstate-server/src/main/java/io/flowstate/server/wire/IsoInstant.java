package io.flowstate.server.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()}, character for character, without the {@code DateTimeFormatter} machinery: every process
 * representation carries three instants, and formatting them that way cost a step about a twentieth of its time on the
 * memory store (JFR, docs/benchmarks.md "Step cost"). Years outside 1970 to 9999 go to {@link Instant#toString()}.
 */
final class IsoInstant {

    /** 10000-01-01T00:00:00Z. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoInstant() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = new char[30];
        int at = digits(out, 0, t.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, t.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, t.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, t.getHour(), 2);
        out[at++] = ':';
        at = digits(out, at, t.getMinute(), 2);
        out[at++] = ':';
        at = digits(out, at, t.getSecond(), 2);
        if (nanos > 0) { // in groups of three digits, as few as the value needs
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(out, at, nanos / 1_000, 6);
            } else {
                at = digits(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** Writes the last {@code width} decimal digits of {@code value} at {@code at}; returns the index after them. */
    private static int digits(char[] out, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return at + width;
    }
}
