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
 * @param session     {@code [session]}: the legacy session mode's cookies
 * @param migration   {@code [migration]}: the switch that moves browsers between session mode and the declared mode
 * @param operations  {@code [log]}, {@code [metrics]}, {@code [ratelimit]}: logs, metrics and write rate limits
 * @param auth        {@code [auth]}: who callers are, owners of processes, admin routes (docs/auth.md)
 * @param nflow       {@code [nflow]}: nFlow apps' templates, modules, accounts, login and OTP stubs
 */
public record FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                              ScriptConfig script, TokenConfig token, EventsConfig events, SessionConfig session,
                              MigrationConfig migration, OperationsConfig operations,
                              AuthConfig auth, NflowConfig nflow) {
    public static final FlowstateConfig DEFAULTS = new FlowstateConfig(ServerConfig.DEFAULTS,
            Path.of("examples", "flows"), Mode.PROCESS, StoreConfig.DEFAULTS, ScriptConfig.DEFAULTS,
            TokenConfig.DEFAULTS, EventsConfig.DEFAULTS, SessionConfig.DEFAULTS, MigrationConfig.DEFAULTS,
            OperationsConfig.DEFAULTS, AuthConfig.DEFAULTS, NflowConfig.DEFAULTS);

    public FlowstateConfig {
        if (server == null || store == null || script == null || token == null || events == null
                || session == null || migration == null || operations == null || auth == null
                || nflow == null) {
            throw new ConfigException("server, store, script, token, events, session, migration, operations,"
                    + " auth and nflow sections are required");
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

    /** A configuration with the defaults of every section after {@code [events]}. */
    public FlowstateConfig(ServerConfig server, Path flowsDir, Mode defaultMode, StoreConfig store,
                           ScriptConfig script, TokenConfig token, EventsConfig events) {
        this(server, flowsDir, defaultMode, store, script, token, events, SessionConfig.DEFAULTS,
                MigrationConfig.DEFAULTS, OperationsConfig.DEFAULTS, AuthConfig.DEFAULTS, NflowConfig.DEFAULTS);
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
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, newToken, events, session, migration,
                operations, auth, nflow);
    }

    public FlowstateConfig withServer(ServerConfig newServer) {
        return new FlowstateConfig(newServer, flowsDir, defaultMode, store, script, token, events, session, migration,
                operations, auth, nflow);
    }

    public FlowstateConfig withScript(ScriptConfig newScript) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, newScript, token, events, session, migration,
                operations, auth, nflow);
    }

    public FlowstateConfig withDefaultMode(Mode mode) {
        return new FlowstateConfig(server, flowsDir, mode, store, script, token, events, session, migration,
                operations, auth, nflow);
    }

    public FlowstateConfig withFlowsDir(Path dir) {
        return new FlowstateConfig(server, dir, defaultMode, store, script, token, events, session, migration,
                operations, auth, nflow);
    }

    /** This configuration with other {@code [events]} settings. */
    public FlowstateConfig withEvents(EventsConfig newEvents) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, newEvents, session, migration,
                operations, auth, nflow);
    }

    /** This configuration with another store. */
    public FlowstateConfig withStore(StoreConfig newStore) {
        return new FlowstateConfig(server, flowsDir, defaultMode, newStore, script, token, events, session, migration,
                operations, auth, nflow);
    }

    /** This configuration with other {@code [session]} settings. */
    public FlowstateConfig withSession(SessionConfig newSession) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, newSession, migration,
                operations, auth, nflow);
    }

    /** This configuration with another migration switch. */
    public FlowstateConfig withMigration(MigrationConfig newMigration) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, session, newMigration,
                operations, auth, nflow);
    }

    /** This configuration with other {@code [log]}, {@code [metrics]} and {@code [ratelimit]} settings. */
    public FlowstateConfig withOperations(OperationsConfig newOperations) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, session, migration,
                newOperations, auth, nflow);
    }

    /** This configuration with other {@code [auth]} settings. */
    public FlowstateConfig withAuth(AuthConfig newAuth) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, session, migration,
                operations, newAuth, nflow);
    }

    /** This configuration with other {@code [nflow]} settings. */
    public FlowstateConfig withNflow(NflowConfig newNflow) {
        return new FlowstateConfig(server, flowsDir, defaultMode, store, script, token, events, session, migration,
                operations, auth, newNflow);
    }
}
