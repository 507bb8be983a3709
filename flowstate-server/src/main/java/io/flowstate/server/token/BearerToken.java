package io.flowstate.server.token;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/** Reads the process token from {@code Authorization: Bearer <token>} (RFC 6750 §2.1). */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /**
     * The token, or empty when there is no Authorization header, more than one, another scheme, or nothing after
     * the scheme. The token itself is not checked here: the codec refuses anything it did not issue.
     */
    static Optional<String> from(ServerRequest request) {
        List<String> values = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = value.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
