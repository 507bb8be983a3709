package io.flowstate.server.http;

import io.flowstate.server.config.CorsConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * Cross-origin resource sharing (Fetch standard) for the origins of {@code server.cors.allowedOrigins}.
 *
 * <p>A request whose {@code Origin} is listed gets {@code Access-Control-Allow-Origin} with that origin (never
 * {@code *}) and the response headers a client needs exposed; its preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method} on a known path) is answered here with 204, the path's methods and the
 * request headers the API reads. A request from any other origin passes untouched, with no CORS header, so the
 * browser keeps the answer from the page. The filter decides only what a browser lets a page read: the API
 * still serves every request, as it does for clients that are not browsers.
 */
public final class CorsFilter {

    /** Request headers the API reads (beyond the CORS-safelisted ones). */
    static final String ALLOWED_HEADERS = "Content-Type, If-Match, If-None-Match, Idempotency-Key, Authorization, "
            + "Last-Event-ID";
    /** Response headers a client reads besides the safelisted ones. */
    static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, Flowstate-Mode, Idempotent-Replayed, "
            + "WWW-Authenticate, Allow";
    /** How long a browser may reuse a preflight answer, in seconds. */
    static final String MAX_AGE = "600";

    private final CorsConfig config;

    private CorsFilter(CorsConfig config) {
        this.config = config;
    }

    /** The filter for {@code config}; with no origin listed it only passes requests on. */
    public static Filter filter(CorsConfig config) {
        return new CorsFilter(config)::filter;
    }

    private void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (config.allowedOrigins().isEmpty()) {
            chain.proceed();
            return;
        }
        // caches must keep answers to different origins apart, listed or not
        response.header(HeaderNames.VARY, "Origin");
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || !config.allows(origin.get())) {
            chain.proceed();
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        if (config.allowCredentials()) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        Optional<List<String>> methods = AllowedMethods.of(request.path().path());
        boolean preflight = request.prologue().method().text().equals("OPTIONS")
                && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight && methods.isPresent()) {
            response.status(204)
                    .header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", methods.get()))
                    .header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE)
                    .header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
                    .send();
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        chain.proceed();
    }
}
