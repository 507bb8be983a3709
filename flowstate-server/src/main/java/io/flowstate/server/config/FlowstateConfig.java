package io.flowstate.server.config;

import io.flowstate.core.flow.Mode;
import java.nio.file.Path;

/**
 * The effective configuration of one server: file, then {@code FLOWSTATE_*} environment, then flags.
 *
 * @param flowsDir    {@code flows}: directory of flow files
 * @param defaultMode {@code mode}: mode of flows that name none
 */
public record FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                              ScriptConfig script) {
    public static final FlowstateConfig DEFAULTS = new FlowstateConfig(ServerConfig.DEFAULTS,
            Path.of("examples", "flows"), Mode.PROCESS, StoreConfig.DEFAULTS, ScriptConfig.DEFAULTS);

    public FlowstateConfig {
        if (server == null || store == null || script == null) {
            throw new ConfigException("server, store and script sections are required");
        }
        if (flowsDir == null) {
            throw new ConfigException("flows must name a directory");
        }
        if (defaultMode == null) {
            throw new ConfigException("mode must be process, hybrid, token or session");
        }
    }
}
