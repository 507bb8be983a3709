package io.flowstate.server.http;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.config.MetricsConfig;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code GET /metrics}: the instance's metrics in the Prometheus text format (docs/operations.md). With
 * {@code metrics.token} set, only a request with {@code Authorization: Bearer <token>} gets them; any other gets
 * 403 {@code forbidden}. With {@code metrics.enabled = false} the route answers 404 like an unknown one.
 */
public final class MetricsRoutes implements HttpService {

    private final FlowstateMetrics metrics;
    private final MetricsConfig config;

    public MetricsRoutes(FlowstateMetrics metrics, MetricsConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape).head("/metrics", this::scrape);
    }

    private void scrape(ServerRequest request, ServerResponse response) {
        if (!config.enabled()) {
            Problems.of(ProblemType.NOT_FOUND, "No route for GET /metrics: metrics.enabled is false").send(response);
            return;
        }
        if (config.protectedByToken() && !presentsToken(request)) {
            Problems.of(ProblemType.FORBIDDEN, "/metrics needs Authorization: Bearer with the metrics.token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"metrics\"").send(response);
            return;
        }
        new Reply(200, Map.of("Content-Type", FlowstateMetrics.CONTENT_TYPE, "Cache-Control", "no-store"),
                metrics.scrape().getBytes(StandardCharsets.UTF_8), null).send(response);
    }

    private boolean presentsToken(ServerRequest request) {
        String presented = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] expected = ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented.trim().getBytes(StandardCharsets.UTF_8));
    }
}
