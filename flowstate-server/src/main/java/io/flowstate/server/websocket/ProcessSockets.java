package io.flowstate.server.websocket;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.events.Envelopes;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.RequestBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.ratelimit.WriteLimit;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /process/{id}/ws}: the WebSocket endpoint, its handshake check and its protocol settings.
 *
 * <p>The handshake is refused before the upgrade: 403 when the {@code Origin} is not allowed (Helidon's own check,
 * configured by {@link #protocol}), 404 problem+json when no live process has the id (the {@link #handshakeFilter},
 * which HTTP routing runs before it hands the connection over), 400 when the id is malformed.
 */
public final class ProcessSockets {

    /** The endpoint's path, as HTTP and WebSocket routing write it. */
    public static final String PATH = "/process/{id}/ws";
    private static final Pattern SOCKET_PATH = Pattern.compile("/process/([^/]+)/ws");

    private final ProcessEngine engine;
    private final ProcessFeeds feeds;
    private final Envelopes envelopes;
    private final SocketLimits limits;
    private final Duration heartbeat;
    private final FlowstateMetrics metrics;
    private final WriteLimit writeLimit;
    private final StepRoute steps;

    /**
     * @param heartbeat how often an idle connection is pinged (finds dead clients, keeps proxies open)
     * @param metrics   counts open WebSockets
     * @param writeLimit the clients' write budget, which {@code step} and {@code patch} messages spend
     * @param steps      runs the {@code step} messages of processes the engine does not run (nFlow's)
     */
    public ProcessSockets(ProcessEngine engine, ProcessFeeds feeds, Envelopes envelopes, SocketLimits limits,
                          Duration heartbeat, FlowstateMetrics metrics, WriteLimit writeLimit, StepRoute steps) {
        this.engine = engine;
        this.steps = steps;
        this.metrics = metrics;
        this.writeLimit = writeLimit;
        this.feeds = feeds;
        this.envelopes = envelopes;
        this.limits = limits;
        this.heartbeat = heartbeat;
    }

    /** The WebSocket routing: one {@link ProcessSocket} per connection. */
    public WsRouting.Builder routing() {
        return WsRouting.builder().endpoint(PATH, () -> new ProcessSocket(engine, feeds, envelopes, limits, heartbeat,
                metrics, writeLimit, steps));
    }

    /**
     * Helidon's WebSocket settings: the frame limit, and the origin allowlist. Helidon allows exactly the listed
     * origins, or, when the list is empty, same-origin pages only (Origin host:port equal to the Host header);
     * handshakes without an Origin are always allowed.
     */
    public static WsConfig protocol(List<String> allowedOrigins, SocketLimits limits) {
        return WsConfig.builder()
                .name("websocket")
                .origins(new LinkedHashSet<>(allowedOrigins))
                .maxFrameLength(limits.maxMessageBytes())
                .build();
    }

    /**
     * The HTTP side of the path: a plain GET (no {@code Upgrade: websocket}) gets 404 for an unknown process and
     * 426 {@code upgrade_required} otherwise.
     */
    public HttpService httpRoutes() {
        return rules -> rules.get(PATH, (request, response) -> {
            UUID id = RequestBody.processId(request.path().pathParameters().get("id"));
            if (engine.get(id) instanceof Outcome.Rejected rejected) {
                Problems.rejection(rejected.rejection(), envelopes.representations()).send(response);
                return;
            }
            Problems.of(ProblemType.UPGRADE_REQUIRED, "This is a WebSocket endpoint; connect with a WebSocket client (Upgrade: websocket)")
                    .withHeader("Upgrade", "websocket").send(response);
        });
    }

    /** Answers 404 problem+json to a handshake for a process that does not exist, instead of upgrading. */
    public Filter handshakeFilter() {
        return this::filter;
    }

    private void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Matcher matcher = SOCKET_PATH.matcher(request.path().path());
        boolean upgrade = request.headers().first(HeaderNames.UPGRADE)
                .filter(value -> value.equalsIgnoreCase("websocket")).isPresent();
        if (!matcher.matches() || !upgrade) {
            chain.proceed();
            return;
        }
        UUID id = RequestBody.processId(matcher.group(1));
        if (engine.get(id) instanceof Outcome.Rejected rejected) {
            Problems.rejection(rejected.rejection(), envelopes.representations()).send(response);
            return;
        }
        chain.proceed();
    }
}
