package io.flowstate.server.config;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenConfig;
import java.nio.file.Path;

/**
 * The effective configuration of one server: file, then {@code FLOWSTATE_*} environment, then flags.
 *
 * @param flowsDir    {@code flows}: directory of flow files
 * @param defaultMode {@code mode}: mode of flows that name none
 * @param token       {@code [token]}: token mode's format, keys, lifetime, size budget and replay guard
 * @param events      {@code [events]}: streams, {@code minVersion} reads, the hybrid near cache
 * @param nflow       {@code [nflow]}: nFlow apps' templates, modules, accounts, login and OTP stubs
 */
public record FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                              ScriptConfig script, TokenConfig token, EventsConfig events, NflowConfig nflow) {
    public static final FlowstateConfig DEFAULTS = new FlowstateConfig(ServerConfig.DEFAULTS,
            Path.of("examples", "flows"), Mode.PROCESS, StoreConfig.DEFAULTS, ScriptConfig.DEFAULTS,
            TokenConfig.DEFAULTS, EventsConfig.DEFAULTS);

    /** A configuration with the default {@code [nflow]} settings. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script, TokenConfig token, EventsConfig events) {
        this(server, flowsDir, defaultMode, store, script, token, events, NflowConfig.DEFAULTS);
    }

    public FlowstateConfig {
        if (server == null || store == null || script == null || token == null || events == null || nflow == null) {
            throw new ConfigException("server, store, script, token, events and nflow sections are required");
        }
        if (flowsDir == null) {
            throw new ConfigException("flows must name a directory");
        }
        if (defaultMode == null) {
            throw new ConfigException("mode must be process, hybrid, token or session");
        }
    }

    /** A configuration with the default token settings (no keys, so no flow may run in token mode) and events. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script) {
        this(server, flowsDir, defaultMode, store, script, TokenConfig.DEFAULTS, EventsConfig.DEFAULTS);
    }

    /** A configuration with these token settings and the default {@code [events]} settings. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script, TokenConfig token) {
        this(server, flowsDir, defaultMode, store, script, token, EventsConfig.DEFAULTS);
    }

    /** A configuration with these {@code [events]} settings and the default token settings. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script, EventsConfig events) {
        this(server, flowsDir, defaultMode, store, script, TokenConfig.DEFAULTS, events);
    }

    public FlowstateConfig withToken(TokenConfig newToken) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, newToken, events, nflow);
    }

    public FlowstateConfig withServer(ServerConfig newServer) {
        return new FlowstateConfig(newServer, flowsDir, defaultMode, store, script, token, events, nflow);
    }

    public FlowstateConfig withScript(ScriptConfig newScript) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, newScript, token, events, nflow);
    }

    public FlowstateConfig withDefaultMode(Mode mode) {
        return new FlowstateConfig(server, flowsDir, mode, store, script, token, events, nflow);
    }

    public FlowstateConfig withFlowsDir(Path dir) {
        return new FlowstateConfig(server, dir, defaultMode, store, script, token, events, nflow);
    }

    /** This configuration with other {@code [events]} settings. */
    public FlowstateConfig withEvents(EventsConfig newEvents) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, newEvents, nflow);
    }

    /** This configuration with other {@code [nflow]} settings. */
    public FlowstateConfig withNflow(NflowConfig newNflow) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, newNflow);
    }
}
