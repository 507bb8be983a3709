package io.flowstate.server.metrics;

import io.flowstate.core.engine.EngineObserver;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.wire.ServedMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The metrics of one server instance, in its own registry (two servers in one JVM count apart). Everything that
 * counts goes through this class, which keeps the names, units and labels in one place: {@code flow} is a loaded
 * flow's id or {@code unknown}, {@code mode} the flow's mode, {@code outcome} a closed word
 * ({@link EngineObserver#outcome}), never a process id or a state value.
 */
public final class FlowstateMetrics implements AutoCloseable {

    /** Unknown flows (a start naming none, a step of an unknown process) share this label value. */
    public static final String UNKNOWN = "unknown";
    /** The Prometheus text format's media type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Function<String, Optional<Flow>> flows;
    private final Mode defaultMode;
    private final AtomicInteger sse = new AtomicInteger();
    private final AtomicInteger sockets = new AtomicInteger();
    private final @Nullable JvmGcMetrics gc;
    // looked up once: the hub counts every event for every subscriber, a thousand times per commit on a busy process
    private final Counter delivered;
    private final Counter dropped;
    // Micrometer's builders resolve a meter through its id and filters on every call, which cost a step about as
    // much as checking its input against the schema (JFR, docs/benchmarks.md "Step cost"); label values are
    // bounded (flows, modes, outcomes), so these maps are as small as the registry
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Metrics of a server, JVM metrics included.
     *
     * @param flows       looks up a flow by id, to label it with its mode
     * @param defaultMode the mode of flows that name none
     */
    public FlowstateMetrics(Function<String, Optional<Flow>> flows, Mode defaultMode) {
        this(flows, defaultMode, true);
    }

    private FlowstateMetrics(Function<String, Optional<Flow>> flows, Mode defaultMode, boolean jvm) {
        this.flows = flows;
        this.defaultMode = defaultMode;
        this.gc = jvm ? new JvmGcMetrics() : null;
        if (gc != null) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            gc.bindTo(registry);
        }
        registry.gauge("flowstate.sse.connections", sse);
        registry.gauge("flowstate.websocket.connections", sockets);
        delivered = counter("flowstate.events.delivered", "Events queued for a stream subscriber of this instance");
        dropped = counter("flowstate.events.dropped",
                "Events not delivered: the subscriber fell behind and was disconnected");
    }

    /** Metrics that nobody reads (no JVM metrics), for parts built without a server: tests, benchmarks. */
    public static FlowstateMetrics unread() {
        return new FlowstateMetrics(id -> Optional.empty(), Mode.PROCESS, false);
    }

    /** Everything, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** The engine's observer: starts, steps and their latency, state edits, expiries. */
    public EngineObserver engineObserver() {
        return new MeteredEngine(this);
    }

    /** {@code store} with its operations timed and its errors and conflicts counted, labelled {@code store}. */
    public ProcessStore store(ProcessStore store, String storeName) {
        return new MeteredProcessStore(store, storeName, registry);
    }

    /** {@code scripts} with each run timed and its failures and limit hits counted. */
    public ScriptRunner scripts(ScriptRunner scripts) {
        return new MeteredScriptRunner(scripts, this);
    }

    /** The label of a flow id: itself when it is loaded, else {@value #UNKNOWN}. */
    String flow(@Nullable String flowId) {
        return flowId != null && flows.apply(flowId).isPresent() ? flowId : UNKNOWN;
    }

    /**
     * The mode label of a flow id: the mode this thread is served in when it is not the flow's own (session mode,
     * {@link ServedMode}), else the flow's effective mode, or {@value #UNKNOWN}.
     */
    String mode(@Nullable String flowId) {
        Optional<String> served = ServedMode.current();
        if (served.isPresent() && flowId != null && flows.apply(flowId).isPresent()) {
            return served.get();
        }
        return flowId == null ? UNKNOWN
                : flows.apply(flowId).map(f -> f.effectiveMode(defaultMode).wireName()).orElse(UNKNOWN);
    }

    Counter counter(String name, String description, String... tags) {
        Counter found = counters.get(new MeterKey(name, tags));
        return found != null ? found : counters.computeIfAbsent(new MeterKey(name, tags.clone()),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    Timer timer(String name, String description, String... tags) {
        Timer found = timers.get(new MeterKey(name, tags));
        return found != null ? found : timers.computeIfAbsent(new MeterKey(name, tags.clone()),
                key -> Timer.builder(name).description(description).tags(tags)
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
    }

    /**
     * A meter's name and tags, as the callers name them: the key of the meters already registered. Not a record of a
     * list: its generated equals and hashCode, over a copy of the tags, were most of a step's metrics time (JFR).
     */
    private static final class MeterKey {
        private final String name;
        private final String[] tags;
        private final int hash;

        MeterKey(String name, String[] tags) {
            this.name = name;
            this.tags = tags;
            this.hash = 31 * name.hashCode() + Arrays.hashCode(tags);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MeterKey that && hash == that.hash && name.equals(that.name)
                    && Arrays.equals(tags, that.tags);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** An nFlow run forked at a {@code gorutine} node of {@code flow}. */
    public void nflowFork(String flow) {
        counter("flowstate.nflow.forks", "forks started at gorutine nodes of nFlow flows", "flow", flow).increment();
    }

    /** An SSE stream opened; {@link #sseClosed()} when it ends. */
    public void sseOpened() {
        sse.incrementAndGet();
    }

    public void sseClosed() {
        sse.decrementAndGet();
    }

    /** A WebSocket opened; {@link #webSocketClosed()} when it ends. */
    public void webSocketOpened() {
        sockets.incrementAndGet();
    }

    public void webSocketClosed() {
        sockets.decrementAndGet();
    }

    /** One event queued for one subscriber (an SSE stream or a WebSocket) of this instance. */
    public void eventDelivered() {
        delivered.increment();
    }

    /** An event a subscriber could not take: it fell too far behind and was disconnected. */
    public void eventDropped() {
        dropped.increment();
    }

    /**
     * A process token refused.
     *
     * @param reason a closed word: {@code invalid} (malformed, altered, expired, unknown key, other flow),
     *               {@code no_keys}, {@code flow_unloaded}, {@code replayed}, {@code too_large}
     */
    public void tokenFailure(String reason) {
        counter("flowstate.token.failures", "Process tokens refused, by reason", "reason", reason).increment();
    }

    /**
     * One request to an nFlow starter ({@code flowstate_nflow_requests_total}, {@code flowstate_nflow_request_seconds}).
     *
     * @param mode    the mode that served it: process, hybrid or session
     * @param outcome a closed word: {@code paused}, {@code completed}, {@code failed}, {@code stale} (a claim of
     *                another node, answered with the current page), {@code refused} (no run, not waiting, a lost
     *                race, too large) or {@code login} (sent to the login page)
     */
    public void nflowRequest(String flowId, String mode, String outcome, Duration took) {
        String flow = flow(flowId);
        counter("flowstate.nflow.requests", "Requests to nFlow starters, by flow, mode and outcome",
                "flow", flow, "mode", mode, "outcome", outcome).increment();
        timer("flowstate.nflow.request", "Latency of requests to nFlow starters, by flow and mode",
                "flow", flow, "mode", mode).record(took);
    }

    /** A request answered again from its Idempotency-Key record. */
    public void idempotentReplay() {
        counter("flowstate.idempotent.replays", "Requests answered from an Idempotency-Key record").increment();
    }

    /** A write refused by the rate limit; {@code action} is start, step or state. */
    public void rateLimited(String action) {
        counter("flowstate.rate.limited", "Writes refused with 429 rate_limited, by action", "action", action)
                .increment();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
