package io.flowstate.server.ratelimit;

import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.Problems;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * Answers an HTTP write (start, step, token continue, state edit) over its client's budget with 429
 * {@code rate_limited} and {@code Retry-After} in whole seconds, before it reaches the engine; reads, streams and
 * health checks are never limited.
 */
public final class RateLimitFilter implements Filter {
    /** The header trusted proxies name the client in. */
    public static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    private final WriteLimit limit;

    public RateLimitFilter(WriteLimit limit) {
        this.limit = limit;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<WriteAction> action = WriteAction.of(request.prologue().method().text(), request.path().path());
        if (action.isEmpty()) {
            chain.proceed();
            return;
        }
        List<String> forwarded = request.headers().contains(FORWARDED_FOR)
                ? request.headers().get(FORWARDED_FOR).allValues() : List.of();
        // The seam for authentication: a verified subject becomes the client instead of the address.
        RateDecision decision = limit.take(limit.client(request.remotePeer().address(), forwarded),
                action.get().label());
        if (decision.allowed()) {
            chain.proceed();
            return;
        }
        long seconds = WriteLimit.retryAfterSeconds(decision);
        Problems.of(ProblemType.RATE_LIMITED, "Too many writes from this client; retry after " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds)).send(response);
    }
}
