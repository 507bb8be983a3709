package io.flowstate.server;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.InputValidator;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.http.FlowRoutes;
import io.flowstate.server.http.Idempotency;
import io.flowstate.server.http.OperationsRoutes;
import io.flowstate.server.http.ProblemException;
import io.flowstate.server.http.Problems;
import io.flowstate.server.http.ProcessRoutes;
import io.flowstate.server.http.Representations;
import io.flowstate.server.http.RequestBody;
import io.flowstate.server.http.WorkflowRoutes;
import io.flowstate.server.token.TokenMode;
import io.flowstate.server.token.TokenRoutes;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** A running Flowstate instance: HTTP listener, engine, store, script runner and expiry sweeper. */
public final class FlowstateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowstateServer.class);

    private final WebServer web;
    private final ProcessStore store;
    private final ScriptRunner scripts;
    private final ExpirySweeper sweeper;
    private final FlowCatalog flows;

    private FlowstateServer(WebServer web, ProcessStore store, ScriptRunner scripts, ExpirySweeper sweeper,
                            FlowCatalog flows) {
        this.web = web;
        this.store = store;
        this.scripts = scripts;
        this.sweeper = sweeper;
        this.flows = flows;
    }

    /** Starts a server with the system clock; returns once it listens. */
    public static FlowstateServer start(FlowstateConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts a server; {@code clock} drives expiry (tests inject one). */
    public static FlowstateServer start(FlowstateConfig config, Clock clock) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        FlowCatalog flows = loadFlows(config);
        ProcessStore store = Stores.open(config.store(), clock);
        ScriptRunner scripts = null;
        try {
            scripts = Scripts.open(config.script());
            InputValidator validator = new InputValidator();
            FlowRunner runner = new FlowRunner(scripts, validator, EngineLimits.DEFAULTS);
            ProcessEngine engine = new ProcessEngine(flows::find, store, runner, clock, UUID::randomUUID,
                    EngineLimits.DEFAULTS);
            Representations representations = new Representations(flows::find, config.defaultMode());
            RequestBody body = new RequestBody(config.server().maxBodyBytes());
            Idempotency idempotency = new Idempotency(store, clock);
            TokenMode tokens = TokenMode.create(config.token(), flows, config.defaultMode(), runner, store, clock,
                    UUID::randomUUID, representations);
            WebServer web = WebServer.builder()
                    .host(config.server().host())
                    .port(config.server().port())
                    // our own limit answers 413 as problem+json first; this one only guards the socket
                    .maxPayloadSize(config.server().maxBodyBytes() + 65_536L)
                    .shutdownHook(false)
                    .routing(routing -> routing(routing, engine, store, flows, body, idempotency, representations,
                            tokens))
                    .build()
                    .start();
            ExpirySweeper sweeper = new ExpirySweeper(engine, config.store().sweepInterval());
            LOG.info("Flowstate listening on {}:{} with {} flow(s) and the {} store", config.server().host(),
                    web.port(), flows.all().size(), config.store().kind().name().toLowerCase(java.util.Locale.ROOT));
            return new FlowstateServer(web, store, scripts, sweeper, flows);
        } catch (RuntimeException e) {
            closeQuietly(scripts);
            store.close();
            throw e;
        }
    }

    private static void routing(HttpRouting.Builder routing, ProcessEngine engine, ProcessStore store,
                                FlowCatalog flows, RequestBody body, Idempotency idempotency,
                                Representations representations, TokenMode tokens) {
        routing.register(new WorkflowRoutes(engine, body, idempotency, representations, tokens))
                .register(new TokenRoutes(tokens, body, idempotency))
                .register(new ProcessRoutes(engine, store, body, idempotency, representations))
                .register(new FlowRoutes(flows, representations))
                .register(new OperationsRoutes(store))
                .any((request, response) -> Problems.of(404, "not_found", "Not found",
                        "No route for " + request.prologue().method().text() + " " + request.path().path())
                        .send(response))
                .error(ProblemException.class, (request, response, e) -> Problems.of(e).send(response))
                .error(StoreUnavailableException.class, (request, response, e) -> {
                    LOG.warn("store unavailable for {} {}: {}", request.prologue().method().text(),
                            request.path().path(), e.getMessage());
                    Problems.of(503, "store_unavailable", "Store unavailable",
                                    "The process store does not answer; retry with the same Idempotency-Key")
                            .withHeader("Retry-After", "1").send(response);
                })
                .error(Exception.class, (request, response, e) -> {
                    LOG.error("unexpected failure for {} {}", request.prologue().method().text(),
                            request.path().path(), e);
                    Problems.of(500, "internal_error", "Internal error",
                            "An unexpected error occurred; it has been logged").send(response);
                });
    }

    private static FlowCatalog loadFlows(FlowstateConfig config) {
        if (!Files.isDirectory(config.flowsDir())) {
            throw new ConfigException("flows: '" + config.flowsDir() + "' is not a directory");
        }
        try {
            FlowCatalog flows = FlowCatalog.load(config.flowsDir(), new InputValidator());
            for (FlowCatalog.LoadError error : flows.errors()) {
                LOG.error("flow file {} not loaded: {}", error.path(), error.reason());
            }
            return flows;
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

    /** Stops listening, then stops the sweeper, the script engine and the store. */
    public void stop() {
        web.stop();
        sweeper.close();
        closeQuietly(scripts);
        store.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
