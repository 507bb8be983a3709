package io.flowstate.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written as ISO-8601 ({@code PT2S}, {@code P7D}) or in the short form people type in
 * environment variables: a number and a unit, possibly several ({@code 500ms}, {@code 2s}, {@code 30m},
 * {@code 1h30m}, {@code 7d}).
 */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration {@code text} denotes; {@link IllegalArgumentException} when it is neither form. */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
            }
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!SHORT.matcher(lower).matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(lower);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: " + text, e);
        }
        return total;
    }
}
