package io.flowstate.server.cli;

import io.flowstate.server.config.ConfigKey;
import io.flowstate.server.config.ConfigLoader;
import io.flowstate.server.config.EffectiveConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags that override configuration keys, shared by {@code serve} and {@code config}. Values stay text
 * here so that {@link ConfigLoader} checks them like every other source and its messages name the key.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "TOML configuration file (default: $FLOWSTATE_CONFIG, else ./flowstate.toml if it exists).")
    @Nullable Path configFile;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port, 0 for any free port (server.port; 8080).")
    @Nullable String port;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (server.host; 127.0.0.1, this machine only)..")
    @Nullable String host;

    @Option(names = "--flows", paramLabel = "DIR", description = "Directory of flow files (flows; examples/flows).")
    @Nullable String flows;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Mode of flows that name none: process, hybrid, token or session (mode; process).")
    @Nullable String mode;

    @Option(names = "--store", paramLabel = "KIND", description = "Process store: sqlite, memory or redis "
            + "(store.kind; sqlite).")
    @Nullable String store;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the SQLite file (store.dataDir; data).")
    @Nullable String dataDir;

    @Option(names = "--redis-url", paramLabel = "URL", description = "Redis URL when --store redis "
            + "(store.redisUrl; redis://127.0.0.1:6379). Prefer FLOWSTATE_REDIS_URL for a URL with a password: "
            + "flags are visible to other users in the process list.")
    @Nullable String redisUrl;

    @Option(names = "--demo", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Serve the browser SDK's demo page at /demo/ from examples/web (server.demo; false).")
    @Nullable String demo;

    /** The flags that were given, by the key each one sets. */
    Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        put(flags, ConfigKey.SERVER_PORT, port);
        put(flags, ConfigKey.SERVER_HOST, host);
        put(flags, ConfigKey.FLOWS, flows);
        put(flags, ConfigKey.MODE, mode);
        put(flags, ConfigKey.STORE_KIND, store);
        put(flags, ConfigKey.STORE_DATA_DIR, dataDir);
        put(flags, ConfigKey.STORE_REDIS_URL, redisUrl);
        put(flags, ConfigKey.SERVER_DEMO, demo);
        return flags;
    }

    /** Loads the configuration these flags complete. */
    EffectiveConfig load(ConfigLoader loader) {
        return loader.load(configFile, flags());
    }

    private static void put(Map<ConfigKey, String> flags, ConfigKey key, @Nullable String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
