package io.flowstate.bench;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.InputValidator;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * The engine of a Flowstate server without its HTTP listener: the same flows, store, sandboxed script
 * runner, validator and limits that {@code FlowstateServer.start} wires (its {@code Stores} and
 * {@code Scripts} helpers are package-private there, so this mirrors them; keep the two in step).
 */
public final class InProcessFlowstate implements AutoCloseable {

    private final ProcessStore store;
    private final GraalScriptRunner scripts;
    private final ProcessEngine engine;

    public InProcessFlowstate(FlowstateConfig config) {
        Clock clock = Clock.systemUTC();
        FlowCatalog flows = loadFlows(config);
        this.store = switch (config.store().kind()) {
            case MEMORY -> new MemoryProcessStore(clock, config.store().eventLogSize());
            case SQLITE -> new SqliteProcessStore(new SqliteOptions(config.store().dataDir(),
                    config.store().durability() == StoreConfig.Durability.STRICT, config.store().eventLogSize()),
                    clock);
            case REDIS -> throw new IllegalArgumentException("the redis store is not benchmarked yet");
        };
        this.scripts = new GraalScriptRunner(new ScriptLimits(config.script().statementLimit(),
                config.script().timeout()));
        InputValidator validator = new InputValidator();
        FlowRunner runner = new FlowRunner(scripts, validator, EngineLimits.DEFAULTS);
        this.engine = new ProcessEngine(flows::find, store, runner, clock, UUID::randomUUID, EngineLimits.DEFAULTS);
    }

    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        scripts.close();
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
