package io.flowstate.server.wire;

import io.flowstate.core.process.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** ETags are the process version in quotes; this reads {@code If-Match} and {@code If-None-Match}. */
public final class Preconditions {

    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

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
            Matcher matcher = VERSION.matcher(candidate);
            if (matcher.matches() && Long.parseLong(matcher.group(1)) == version) {
                return true;
            }
        }
        return false;
    }

    private static Long parse(String value, String header) {
        Matcher matcher = VERSION.matcher(value);
        if (!matcher.matches()) {
            throw new ProblemException(ProblemType.INVALID_PRECONDITION, header + " must be a version ETag such as \"3\", was '" + abbreviate(value) + "'");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
