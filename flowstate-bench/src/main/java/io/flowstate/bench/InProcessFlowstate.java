package io.flowstate.bench;

import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.server.Scripts;
import io.flowstate.server.Stores;
import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.hybrid.NearCacheProcessStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * The engine of a Flowstate server without its HTTP listener: the same flows, store and near cache, sandboxed
 * script runner, validator and limits that {@code FlowstateServer.start} wires, opened through the server's own
 * {@link Stores} and {@link Scripts}.
 */
public final class InProcessFlowstate implements AutoCloseable {

    private final ProcessStore store;
    private final ScriptRunner scripts;
    private final ProcessEngine engine;

    public InProcessFlowstate(FlowstateConfig config) {
        Clock clock = Clock.systemUTC();
        FlowCatalog flows = loadFlows(config);
        ProcessStore opened = Stores.open(config.store(), clock);
        this.store = new NearCacheProcessStore(opened, Stores.cacheable(config, flows::find),
                config.events().nearCacheSize(), clock);
        this.scripts = Scripts.open(config.script());
        InputValidator validator = new InputValidator();
        FlowRunner runner = new FlowRunner(scripts, validator, EngineLimits.DEFAULTS);
        this.engine = new ProcessEngine(flows::find, store, runner, clock, UUID::randomUUID, EngineLimits.DEFAULTS);
    }

    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (scripts instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        store.close();
    }

    private static FlowCatalog loadFlows(FlowstateConfig config) {
        try {
            FlowCatalog flows = FlowCatalog.load(config.flowsDir(), new InputValidator());
            if (!flows.errors().isEmpty()) {
                throw new IllegalStateException("flows did not load: " + flows.errors());
            }
            return flows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
