package io.flowstate.server.auth;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.server.wire.CheckedRead;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The first filter after the method check: establishes the {@link Caller} of every request (registered in the
 * request context) and, when processes can have owners ({@code auth.mode = jwt}), answers every route under
 * {@code /process/{id}} — REST, the SSE stream and the WebSocket handshake alike — for a process the caller may not
 * see with exactly the 404 {@code process_not_found} of an unknown id. It reads the process once either way and
 * answers an unknown id itself too, so the two cases cost the same and read the same; a read route answers the
 * owner from that same read ({@link CheckedRead}).
 *
 * <p>{@code POST /workflow/continue} is left alone: its bearer is a process token (token mode), not a credential.
 * Streams and the inspector page may carry the credential as {@code ?access_token=} (browsers' {@code EventSource}
 * and {@code WebSocket} cannot set headers, nor can a navigation).
 */
public final class AuthFilter implements Filter {

    private static final Pattern PROCESS_PATH = Pattern.compile("^/process/([^/]+)(/.*)?$");
    /** Where a browser cannot send a header: the two streams and the inspector page. */
    private static final Pattern QUERY_TOKEN_PATH = Pattern.compile("^/process/[^/]+/(events|ws)$|^/ui/?$");
    private static final String BEARER = "bearer ";

    private final Authenticator authenticator;
    private final ProcessEngine engine;
    private final Representations representations;

    public AuthFilter(Authenticator authenticator, ProcessEngine engine, Representations representations) {
        this.authenticator = authenticator;
        this.engine = engine;
        this.representations = representations;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (path.equals("/workflow/continue")) {
            chain.proceed();
            return;
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(bearer(request, path));
        } catch (ProblemException e) {
            Problems.of(e).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"").send(response);
            return;
        }
        request.context().register(Caller.class, caller);
        Matcher process = PROCESS_PATH.matcher(path);
        if (authenticator.bindsOwners() && !caller.admin() && process.matches()) { // admins see every process
            Optional<UUID> id = uuid(process.group(1));
            Outcome outcome;
            try {
                outcome = id.isPresent() ? engine.get(id.get(), caller::maySee) : null;
            } catch (RuntimeException e) { // the store does not answer: the same 503 the routes give
                Problems.of(Problems.failure(e, request.prologue().method().text() + " " + path)).send(response);
                return;
            }
            if (outcome instanceof Outcome.Rejected hidden) {
                Problems.rejection(hidden.rejection(), representations).send(response);
                return;
            }
            if (outcome instanceof Outcome.Accepted found) {
                CheckedRead.remember(request, id.get(), found);
            }
        }
        chain.proceed();
    }

    private static @Nullable String bearer(RoutingRequest request, String path) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent()) {
            String value = header.get().trim();
            return value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? value.substring(BEARER.length()).trim() : null;
        }
        if (QUERY_TOKEN_PATH.matcher(path).matches()) {
            return request.query().first("access_token").asOptional().orElse(null);
        }
        return null;
    }

    /** The id as the routes read it; empty when they will answer 400 {@code invalid_process_id} anyway. */
    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(RequestBody.processId(text));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }
}
