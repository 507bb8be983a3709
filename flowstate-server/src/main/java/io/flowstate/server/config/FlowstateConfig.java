package io.flowstate.server.config;

import io.flowstate.core.flow.Mode;
import java.nio.file.Path;

/**
 * The effective configuration of one server: file, then {@code FLOWSTATE_*} environment, then flags.
 *
 * @param flowsDir    {@code flows}: directory of flow files
 * @param defaultMode {@code mode}: mode of flows that name none
 * @param events      the {@code [events]} table: streams, {@code minVersion} reads, the hybrid near cache
 */
public record FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                              ScriptConfig script, EventsConfig events) {
    public static final FlowstateConfig DEFAULTS = new FlowstateConfig(ServerConfig.DEFAULTS,
            Path.of("examples", "flows"), Mode.PROCESS, StoreConfig.DEFAULTS, ScriptConfig.DEFAULTS,
            EventsConfig.DEFAULTS);

    public FlowstateConfig {
        if (server == null || store == null || script == null || events == null) {
            throw new ConfigException("server, store, script and events sections are required");
        }
        if (flowsDir == null) {
            throw new ConfigException("flows must name a directory");
        }
        if (defaultMode == null) {
            throw new ConfigException("mode must be process, hybrid, token or session");
        }
    }

    /** A configuration with the default {@code [events]} settings. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script) {
        this(server, flowsDir, defaultMode, store, script, EventsConfig.DEFAULTS);
    }

    /** This configuration with other {@code [events]} settings. */
    public FlowstateConfig withEvents(EventsConfig newEvents) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, newEvents);
    }
}
