package io.flowstate.server.nflow;

import io.flowstate.nflow.app.NflowRouter;
import io.flowstate.nflow.app.Route;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;

/**
 * Counts and times the requests to nFlow apps' URLs by flow, mode and outcome (NFLOW.md §6), outside the request
 * handling: every request is timed around the rest of the chain, and one that the starter router matches and that
 * was answered with a {@code Flowstate-Mode} is counted, its outcome read from the answer: {@code paused} (it
 * carries {@code Flowstate-Process-Id}), {@code completed}, {@code refused} (4xx) or {@code failed} (5xx). The API
 * routes win over starters, so a path they serve is never counted here.
 */
final class NflowRequestMetrics implements Filter {

    private static final HeaderName MODE = HeaderNames.create("Flowstate-Mode");
    private static final HeaderName PROCESS_ID = HeaderNames.create("Flowstate-Process-Id");

    private final NflowRouter router;
    private final FlowstateMetrics metrics;

    NflowRequestMetrics(NflowRouter router, FlowstateMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            // only answers that name a mode can be a starter's, so other requests (health checks) never pay for
            // the routing below
            if (response.headers().contains(MODE)
                    && router.route(request.prologue().method().text(), request.path().rawPath())
                    instanceof Route.Matched matched) {
                int status = response.status().code();
                String outcome = status >= 500 ? "failed" : status >= 400 ? "refused"
                        : response.headers().contains(PROCESS_ID) ? "paused" : "completed";
                metrics.nflowRequest(matched.flow().id(), response.headers().get(MODE).get(), outcome,
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
