package io.flowstate.server.ratelimit;

import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.limit.RateLimiter;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.wire.Problems;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a write (start, step, state edit) over its client's budget with 429 {@code rate_limited} and
 * {@code Retry-After} in whole seconds, before it reaches the engine; reads, streams and health checks are never
 * limited. When the limiter's store does not answer the write goes on: the store will answer it (or refuse it with
 * 503) anyway, and a limit must not turn an outage of Redis into an outage of writes that would have worked.
 */
public final class RateLimitFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    private final RateLimiter limiter;
    private final ClientKeys clients;
    private final FlowstateMetrics metrics;

    public RateLimitFilter(RateLimiter limiter, ClientKeys clients, FlowstateMetrics metrics) {
        this.limiter = limiter;
        this.clients = clients;
        this.metrics = metrics;
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
        // The seam for authentication: a verified subject goes here instead of Optional.empty().
        String client = clients.of(Optional.empty(), request.remotePeer().address(), forwarded);
        RateDecision decision;
        try {
            decision = limiter.take(client);
        } catch (StoreUnavailableException e) {
            LOG.debug("rate limiter unavailable, letting a write through: {}", e.getMessage());
            decision = RateDecision.ALLOWED;
        }
        if (decision.allowed()) {
            chain.proceed();
            return;
        }
        metrics.rateLimited(action.get().label());
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        Problems.of(ProblemType.RATE_LIMITED, "Too many writes from this client; retry after " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds)).send(response);
    }
}
