package io.flowstate.server;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.limit.RateLimiter;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.CorsConfig;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.demo.DemoRoutes;
import io.flowstate.server.config.OperationsConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.events.Envelopes;
import io.flowstate.server.events.EventHub;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.auth.AuthFilter;
import io.flowstate.server.auth.Authenticator;
import io.flowstate.server.http.AllowedMethods;
import io.flowstate.server.http.CorsFilter;
import io.flowstate.server.http.FlowRoutes;
import io.flowstate.server.http.Gates;
import io.flowstate.server.http.ClaimLeases;
import io.flowstate.server.http.Idempotency;
import io.flowstate.server.http.MetricsRoutes;
import io.flowstate.server.http.InspectorRoutes;
import io.flowstate.server.http.ListingRoutes;
import io.flowstate.server.http.OperationsRoutes;
import io.flowstate.server.http.ProcessRoutes;
import io.flowstate.server.http.ConnectionClose;
import io.flowstate.server.http.StrictHttp1;
import io.flowstate.server.http.WorkflowRoutes;
import io.flowstate.server.hybrid.NearCacheProcessStore;
import io.flowstate.server.session.Sessions;
import io.flowstate.server.logging.RequestContext;
import io.flowstate.server.logging.TracedProcessStore;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.ratelimit.ClientKeys;
import io.flowstate.server.ratelimit.RateLimitFilter;
import io.flowstate.server.ratelimit.RateLimiters;
import io.flowstate.server.ratelimit.WriteLimit;
import io.flowstate.server.nflow.NflowSteps;
import io.flowstate.server.nflow.NflowSupport;
import io.flowstate.server.sse.SseRoutes;
import io.flowstate.server.token.TokenMode;
import io.flowstate.server.token.TokenRoutes;
import io.flowstate.server.websocket.ProcessSockets;
import io.flowstate.server.websocket.StepRoute;
import io.flowstate.server.websocket.SocketLimits;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import io.flowstate.server.wire.TransportProblems;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A running Flowstate instance: HTTP listener (REST, SSE, WebSocket), engine, store, near cache, event hub,
 * script runner and expiry sweeper.
 *
 * <p>Event path: the store publishes every commit; the {@link EventHub} is this instance's one subscription to
 * it, updates the hybrid near cache first and then fans out to the SSE and WebSocket streams of each process.
 */
public final class FlowstateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowstateServer.class);
    /**
     * Each connection's response buffer (Helidon's default is 4 KiB). Bodies are sent whole, and an event stream
     * writes every message as one array, which bypasses a buffer smaller than itself: the buffer only gathers the
     * small writes of streamed responses, and an idle stream holds it.
     */
    private static final int WRITE_BUFFER_BYTES = 512;
    private static final Duration MAX_IDLE_CHECK_PERIOD = Duration.ofSeconds(5);

    private final WebServer web;
    private final ProcessStore store;
    private final ScriptRunner scripts;
    private final ExpirySweeper sweeper;
    private final FlowCatalog flows;
    private final EventHub hub;
    private final Sessions sessions;
    private final FlowstateMetrics metrics;
    private final ClaimLeases leases;

    private FlowstateServer(WebServer web, ProcessStore store, ScriptRunner scripts, ExpirySweeper sweeper,
                            FlowCatalog flows, EventHub hub, Sessions sessions, FlowstateMetrics metrics,
                            ClaimLeases leases) {
        this.web = web;
        this.store = store;
        this.scripts = scripts;
        this.sweeper = sweeper;
        this.flows = flows;
        this.hub = hub;
        this.sessions = sessions;
        this.metrics = metrics;
        this.leases = leases;
    }

    /** Starts a server with the system clock; returns once it listens. */
    public static FlowstateServer start(FlowstateConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts a server; {@code clock} drives expiry (tests inject one). */
    public static FlowstateServer start(FlowstateConfig config, Clock clock) {
        return start(config, clock, UnaryOperator.identity());
    }

    /** Starts a server whose store is wrapped by {@code decorateStore} (tests count store calls this way). */
    public static FlowstateServer start(FlowstateConfig config, Clock clock, UnaryOperator<ProcessStore> decorateStore) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        FlowCatalog nativeFlows = loadFlows(config);
        NflowSupport nflow = NflowSupport.load(config);
        FlowCatalog flows = nflow.catalog(nativeFlows);
        for (FlowCatalog.LoadError error : flows.errors()) {
            LOG.error("flow file {} not loaded: {}", error.path(), error.reason());
        }
        ProcessStore opened = Stores.open(config.store(), clock);
        FlowstateMetrics metrics = new FlowstateMetrics(flows::find, config.defaultMode());
        String storeName = config.store().kind().name().toLowerCase(Locale.ROOT);
        ProcessStore store = new TracedProcessStore(metrics.store(decorateStore.apply(opened), storeName));
        RateLimiter limiter = RateLimiters.open(config.operations().rateLimit(),
                opened instanceof DeferredProcessStore deferred ? deferred::delegate : () -> opened,
                config.store().kind() == StoreConfig.Kind.REDIS);
        // One engine for every mode, over a near cache of the processes Stores.cacheable names.
        NearCacheProcessStore cached = new NearCacheProcessStore(store, Stores.cacheable(config, flows::find),
                config.events().nearCacheSize(), clock);
        ScriptRunner scripts = null;
        EventHub hub = null;
        Sessions sessions = null;
        ClaimLeases leases = null;
        try {
            scripts = Scripts.open(config.script());
            hub = new EventHub(store, config.events().queueSize(), cached::apply, metrics);
            FlowRunner runner = new FlowRunner(metrics.scripts(scripts), new InputValidator(), EngineLimits.DEFAULTS);
            ProcessEngine engine = new ProcessEngine(flows::find, cached, runner, clock, UUID::randomUUID,
                    EngineLimits.DEFAULTS, metrics.engineObserver());
            Representations representations = new Representations(flows::find, config.defaultMode());
            RequestBody body = new RequestBody(config.server().maxBodyBytes());
            leases = new ClaimLeases(engine, clock);
            Idempotency idempotency = new Idempotency(engine, clock, metrics, leases);
            TokenMode tokens = TokenMode.create(config.token(), flows, config.defaultMode(), runner, engine, clock,
                    UUID::randomUUID, metrics, leases);
            ProcessFeeds feeds = new ProcessFeeds(hub, store, id -> engine.get(id) instanceof Outcome.Accepted found
                    ? Optional.of(found.process()) : Optional.empty(), config.events().minVersionWait());
            Envelopes envelopes = new Envelopes(representations);
            WriteLimit writeLimit = new WriteLimit(limiter,
                    new ClientKeys(config.operations().rateLimit().trustedProxies()), metrics);
            sessions = Sessions.create(config, engine, flows, representations, idempotency, body, clock,
                    nflow::runs);
            NflowSupport.Routes nflowRoutes = nflow.routes(scripts, engine, clock, body, representations, flows,
                    sessions.starts(), metrics);
            NflowSteps nflowSteps = nflowRoutes.socketSteps();
            ProcessSockets sockets = new ProcessSockets(engine, feeds, envelopes, SocketLimits.DEFAULTS,
                    config.events().heartbeat(), metrics, writeLimit,
                    nflowSteps == null ? StepRoute.ENGINE : nflowSteps::step);
            Operations operations = new Operations(config.operations(), metrics, new RateLimitFilter(writeLimit));
            AuthFilter auth = new AuthFilter(Authenticator.create(config.auth(), clock), engine, representations);
            Routes routes = new Routes(engine, flows, body, idempotency, representations, tokens, feeds,
                    envelopes, config.events().heartbeat(), sockets, sessions, config.server().cors(),
                    config.server().demo(), operations, auth, nflowRoutes);
            WsConfig webSockets = ProcessSockets.protocol(config.server().allowedOrigins(), SocketLimits.DEFAULTS);
            WebServer web = WebServer.builder()
                    .host(config.server().host())
                    .port(config.server().port())
                    // our own limit answers 413 as problem+json first; this one only guards the socket
                    .maxPayloadSize(config.server().maxBodyBytes() + 65_536L)
                    .shutdownHook(false)
                    .directHandlers(TransportProblems.handlers())
                    // events are small writes that must leave at once, not wait for the previous one's ACK
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    // a client that keeps a connection waiting for bytes, half-way through a request or between
                    // requests, is cut off after server.readTimeout (StrictHttp1 says when it waits); an idle
                    // WebSocket still answers the heartbeat's pings well within it, a stream only writes
                    .idleConnectionTimeout(readTimeout(config))
                    .idleConnectionPeriod(idleCheckPeriod(readTimeout(config)))
                    // an idle event stream holds its connection's buffers for hours: a blocking socket has one
                    // 8 KiB read buffer where NIO has a read and a write buffer, and a stream writes each message
                    // as one array, which a larger buffer would only copy (docs/benchmarks.md, idle connections)
                    .useNio(false)
                    .writeBufferSize(WRITE_BUFFER_BYTES)
                    .addProtocol(webSockets)
                    // HTTP/1 connections read through our checks of what Helidon's parser reads leniently
                    .addConnectionSelector(StrictHttp1.selector(List.of(webSockets)))
                    .routing(routes::register)
                    .addRouting(sockets.routing())
                    .build()
                    .start();
            ExpirySweeper sweeper = new ExpirySweeper(engine, config.store().sweepInterval());
            LOG.info("Flowstate listening on {}:{} with {} flow(s) and the {} store", config.server().host(),
                    web.port(), flows.all().size(), storeName);
            return new FlowstateServer(web, cached, scripts, sweeper, flows, hub, sessions, metrics, leases);
        } catch (RuntimeException e) {
            closeQuietly(sessions);
            closeQuietly(leases);
            closeQuietly(hub);
            closeQuietly(scripts);
            cached.close();
            metrics.close();
            throw e;
        }
    }

    /** What operations add to the routes: the request context and access log, metrics, rate limits. */
    private record Operations(OperationsConfig config, FlowstateMetrics metrics, RateLimitFilter rateLimit) {
    }

    /** Everything the HTTP routes need, and the order in which they are registered. */
    private record Routes(ProcessEngine engine, FlowCatalog flows, RequestBody body,
                          Idempotency idempotency, Representations representations, TokenMode tokens,
                          ProcessFeeds feeds, Envelopes envelopes, Duration heartbeat, ProcessSockets sockets,
                          Sessions sessions, CorsConfig cors, boolean demo, Operations operations,
                          AuthFilter auth, NflowSupport.Routes nflow) {

        void register(HttpRouting.Builder routing) {
            TokenRoutes tokenRoutes = new TokenRoutes(tokens, body, idempotency, representations);
            routing.addFilter(new ConnectionClose())
                    .addFilter(new RequestContext(operations.config().log()))
                    .addFilter(new Gates(List.of(CorsFilter.filter(cors), AllowedMethods.filter(), auth,
                            operations.rateLimit(), nflow.owners(), sockets.handshakeFilter())))
                    .register(new WorkflowRoutes(engine, body, idempotency, representations,
                            tokenRoutes.or(nflow.starts()), sessions.starts()))
                    .register(sessions.routes())
                    .register(tokenRoutes)
                    .register(nflow.steps())
                    .register(new ProcessRoutes(engine, body, idempotency, representations, feeds))
                    .register(new SseRoutes(feeds, envelopes, heartbeat, operations.metrics()))
                    .register(sockets.httpRoutes())
                    .register(new FlowRoutes(flows, representations))
                    .register(new OperationsRoutes(engine))
                    .register(demo ? DemoRoutes.ofWorkingDirectory() : rules -> { })
                    .register(new MetricsRoutes(operations.metrics(), operations.config().metrics()))
                    .register(new ListingRoutes(engine, representations))
                    .register(new InspectorRoutes())
                    .register(nflow.starters())
                    .any((request, response) -> Problems.of(ProblemType.NOT_FOUND,
                            "No route for " + request.prologue().method().text() + " " + request.path().path())
                            .send(response))
                    .error(Exception.class, (request, response, e) -> Problems.of(Problems.failure(e,
                            request.prologue().method().text() + " " + request.path().path())).send(response));
        }
    }

    /** {@code server.readTimeout}, raised to three heartbeats so that an idle WebSocket answering pings stays open. */
    private static Duration readTimeout(FlowstateConfig config) {
        Duration threeHeartbeats = config.events().heartbeat().multipliedBy(3);
        Duration configured = config.server().readTimeout();
        return threeHeartbeats.compareTo(configured) > 0 ? threeHeartbeats : configured;
    }

    /** How often connections are checked against the read timeout: a quarter of it, at most every 5 s. */
    private static Duration idleCheckPeriod(Duration readTimeout) {
        Duration quarter = readTimeout.dividedBy(4);
        return quarter.compareTo(MAX_IDLE_CHECK_PERIOD) < 0 ? quarter : MAX_IDLE_CHECK_PERIOD;
    }

    private static FlowCatalog loadFlows(FlowstateConfig config) {
        if (!Files.isDirectory(config.flowsDir())) {
            throw new ConfigException("flows: '" + config.flowsDir() + "' is not a directory");
        }
        try {
            return FlowCatalog.load(config.flowsDir(), new InputValidator());
        } catch (IOException e) {
            throw new ConfigException("flows: cannot read '" + config.flowsDir() + "': " + e.getMessage(), e);
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return web.port();
    }

    public FlowCatalog flows() {
        return flows;
    }

    /** This instance's metrics, as {@code GET /metrics} serves them. */
    public FlowstateMetrics metrics() {
        return metrics;
    }

    /** Open event streams (SSE and WebSocket subscribers) of this instance. */
    public int openStreams() {
        return hub.subscribers();
    }

    /** Stops listening, then stops the sweeper, the event hub, the script engine and the store. */
    public void stop() {
        web.stop();
        sessions.close();
        leases.close();
        sweeper.close();
        hub.close();
        closeQuietly(scripts);
        store.close();
        metrics.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(@Nullable Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
