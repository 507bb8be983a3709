package io.flowstate.server.http;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.Problems;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every route answers before its handler runs: a known path with a method it does not serve ({@code CONNECT},
 * {@code TRACE} and unknown methods included) is 405 {@code method_not_allowed} with {@code Allow}; {@code OPTIONS} on
 * a known path is 204 with {@code Allow}; an unknown path is left to the 404 of routing. {@code HEAD} is served wherever
 * {@code GET} is, except on the streams.
 */
public final class AllowedMethods {

    private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ID = "[^/]+";
    /** The streams: they need HTTP/1.1 (chunked framing, the WebSocket upgrade). */
    private static final Pattern STREAMS = Pattern.compile("/process/" + ID + "/(events|ws)");
    /** Path patterns and the methods they serve, in the order routes are matched. */
    private static final Map<Pattern, List<String>> ROUTES = new LinkedHashMap<>();

    static {
        route("/workflow/start", "POST");
        route("/workflow/continue", "POST");
        route("/processes", "GET", "HEAD");
        route("/process/" + ID, "GET", "HEAD", "DELETE");
        route("/process/" + ID + "/state", "GET", "HEAD", "PUT", "PATCH");
        route("/process/" + ID + "/step", "POST");
        route("/process/" + ID + "/history", "GET", "HEAD");
        route("/process/" + ID + "/events", "GET");
        route("/process/" + ID + "/ws", "GET");
        route("/session/" + ID, "GET", "HEAD", "DELETE");
        route("/session/" + ID + "/step", "POST");
        route("/session/" + ID + "/migrate", "POST");
        route("/flows", "GET", "HEAD");
        route("/flows/" + ID, "GET", "HEAD");
        route("/health/live", "GET", "HEAD");
        route("/health/ready", "GET", "HEAD");
        route("/openapi.json", "GET", "HEAD");
        route("/metrics", "GET", "HEAD");
        route("/ui/?", "GET", "HEAD");
    }

    private AllowedMethods() {
    }

    private static void route(String path, String... methods) {
        ROUTES.put(Pattern.compile(path), List.of(methods));
    }

    /** The methods a path serves (OPTIONS included), or empty when no route has the path. */
    public static Optional<List<String>> of(String path) {
        return ROUTES.entrySet().stream().filter(e -> e.getKey().matcher(path).matches()).findFirst()
                .map(e -> {
                    List<String> methods = new ArrayList<>(e.getValue());
                    methods.add("OPTIONS");
                    return List.copyOf(methods);
                });
    }

    /** Whether {@code path} is an event stream or a WebSocket. */
    static boolean isStream(String path) {
        return STREAMS.matcher(path).matches();
    }

    public static Filter filter() {
        return AllowedMethods::filter;
    }

    private static void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String method = request.prologue().method().text();
        Optional<List<String>> allowed = of(request.path().path());
        if (allowed.isEmpty()) {
            if (SERVED.contains(method)) {
                chain.proceed();
            } else {
                Problems.of(ProblemType.NOT_FOUND, "No route for " + method + " " + request.path().path())
                        .send(response);
            }
            return;
        }
        String allow = String.join(", ", allowed.get());
        if (method.equals("OPTIONS")) {
            response.status(204).header("Allow", allow).send();
        } else if (!allowed.get().contains(method)) {
            Problems.of(ProblemType.METHOD_NOT_ALLOWED, method + " is not served on " + request.path().path()
                    + "; it serves " + allow).withHeader("Allow", allow).send(response);
        } else {
            chain.proceed();
        }
    }
}
