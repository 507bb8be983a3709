package io.flowstate.server.ratelimit;

import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.limit.RateLimiter;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.server.metrics.FlowstateMetrics;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write budget of clients, for every transport: HTTP writes go through {@link RateLimitFilter}, WebSocket
 * {@code step} and {@code patch} messages ask here directly, so a client cannot escape its budget by writing over a
 * socket. A refusal is counted in {@code flowstate_rate_limited_total}. When the limiter's store does not answer the
 * write goes on (the store answers it, or refuses it with 503, anyway).
 */
public final class WriteLimit {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLimit.class);

    private final RateLimiter limiter;
    private final ClientKeys clients;
    private final FlowstateMetrics metrics;

    public WriteLimit(RateLimiter limiter, ClientKeys clients, FlowstateMetrics metrics) {
        this.limiter = limiter;
        this.clients = clients;
        this.metrics = metrics;
    }

    /** The key of the client at {@code peer} (see {@link ClientKeys#of}); no subject until authentication exists. */
    public String client(SocketAddress peer, List<String> forwardedFors) {
        return clients.of(Optional.empty(), peer, forwardedFors);
    }

    /**
     * Takes one write from {@code client}'s budget.
     *
     * @param action {@code start}, {@code step} or {@code state}, the label of a refusal
     * @return the decision; a refused one has been counted
     */
    public RateDecision take(String client, String action) {
        RateDecision decision;
        try {
            decision = limiter.take(client);
        } catch (StoreUnavailableException e) {
            LOG.debug("rate limiter unavailable, letting a write through: {}", e.getMessage());
            return RateDecision.ALLOWED;
        }
        if (!decision.allowed()) {
            metrics.rateLimited(action);
        }
        return decision;
    }

    /** Whole seconds a refused client should wait, at least 1: the value of {@code Retry-After}. */
    public static long retryAfterSeconds(RateDecision decision) {
        return Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
    }
}
