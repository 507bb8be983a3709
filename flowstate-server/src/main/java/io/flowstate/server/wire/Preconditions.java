package io.flowstate.server.wire;

import io.flowstate.core.process.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** ETags are the process version in quotes; this reads {@code If-Match} and {@code If-None-Match}. */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version named by {@code If-Match}, null when absent or {@code *}; 400 when malformed. */
    public static @Nullable Long ifMatch(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.IF_MATCH);
        if (header.isEmpty() || header.get().trim().equals("*")) {
            return null;
        }
        return parse(header.get(), "If-Match");
    }

    /** True when {@code If-None-Match} names {@code version} (or is {@code *}). */
    public static boolean noneMatchHits(ServerRequest request, long version) {
        Optional<String> header = request.headers().first(HeaderNames.IF_NONE_MATCH);
        if (header.isEmpty()) {
            return false;
        }
        for (String candidate : header.get().split(",")) {
            if (candidate.trim().equals("*")) {
                return true;
            }
            long named = version(candidate);
            if (named >= 0 && named == version) {
                return true;
            }
        }
        return false;
    }

    private static Long parse(String value, String header) {
        long version = version(value);
        if (version < 0) {
            throw new ProblemException(ProblemType.INVALID_PRECONDITION, header + " must be a version ETag such as \"3\", was '" + abbreviate(value) + "'");
        }
        return version;
    }

    /**
     * The version in an ETag, or -1 when it is not one: what {@code \s*(?:W/)?"?(\d{1,18})"?\s*} matches, read
     * without a regular expression (the matcher was about a fortieth of a form step's handler time).
     */
    static long version(String value) {
        int end = value.length();
        int i = skipSpaces(value, 0);
        if (value.startsWith("W/", i)) {
            i += 2;
        }
        if (i < end && value.charAt(i) == '"') {
            i++;
        }
        int digits = i;
        while (i < end && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i - digits > 18) {
            return -1;
        }
        long version = Long.parseLong(value, digits, i, 10);
        if (i < end && value.charAt(i) == '"') {
            i++;
        }
        return skipSpaces(value, i) == end ? version : -1;
    }

    /** The index of the first character at or after {@code from} that is not one of {@code \s}: [ \t\n\x0B\f\r]. */
    private static int skipSpaces(String value, int from) {
        int i = from;
        while (i < value.length() && " \t\n\u000B\f\r".indexOf(value.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
