package io.flowstate.server.logging;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} header ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}).
 * A header that does not parse, or whose ids are all zeros, is ignored, as the recommendation asks.
 *
 * @param traceId  the trace, 32 lower-case hex digits
 * @param parentId the caller's span, 16 lower-case hex digits
 * @param flags    the trace flags, 2 hex digits
 */
public record TraceParent(String traceId, String parentId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    /** The header's trace context, when it is a valid one. */
    public static Optional<TraceParent> parse(String header) {
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).equals("ff")
                || (matcher.group(1).equals("00") && matcher.group(5) != null)) {
            return Optional.empty();
        }
        String traceId = matcher.group(2);
        String parentId = matcher.group(3);
        if (traceId.chars().allMatch(c -> c == '0') || parentId.chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, parentId, matcher.group(4)));
    }

    /** The header value, version 00. */
    public String header() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }
}
