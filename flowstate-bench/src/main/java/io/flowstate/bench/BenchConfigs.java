package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Server configurations for the benchmarks: loopback, port 0, the production defaults otherwise, the
 * flows of {@code examples/flows} and a fresh temporary data directory per trial.
 */
public final class BenchConfigs {

    /** System property naming the flows directory when the benchmark does not run inside the repository. */
    public static final String FLOWS_PROPERTY = "flowstate.bench.flows";

    private BenchConfigs() {
    }

    /** A configuration for {@code store} ({@code memory} or {@code sqlite}) keeping its files in {@code dataDir}. */
    public static FlowstateConfig config(String store, Path dataDir) {
        return config(store, dataDir, StoreConfig.DEFAULTS.durability().name());
    }

    /** As {@link #config(String, Path)} with the SQLite durability {@code normal} or {@code strict}. */
    public static FlowstateConfig config(String store, Path dataDir, String durability) {
        StoreConfig defaults = StoreConfig.DEFAULTS;
        StoreConfig storeConfig = new StoreConfig(StoreConfig.kind(store), dataDir,
                StoreConfig.Durability.valueOf(durability.toUpperCase(Locale.ROOT)),
                defaults.eventLogSize(), defaults.sweepInterval(), defaults.redisUrl());
        ServerConfig server = new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULTS.maxBodyBytes());
        return new FlowstateConfig(server, flowsDir(), Mode.PROCESS, storeConfig, ScriptConfig.DEFAULTS);
    }

    /**
     * The {@code examples/flows} directory: the {@value #FLOWS_PROPERTY} property if set, else the first
     * {@code examples/flows} found from the working directory upwards (JMH forks keep the working directory).
     */
    public static Path flowsDir() {
        String configured = System.getProperty(FLOWS_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path flows = dir.resolve("examples").resolve("flows");
            if (Files.isRegularFile(flows.resolve(SignupCycle.FLOW + ".json"))) {
                return flows;
            }
        }
        throw new IllegalStateException("examples/flows not found above " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -D" + FLOWS_PROPERTY + "=<dir>");
    }

    public static Path tempDataDir() {
        try {
            return Files.createTempDirectory("flowstate-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a data directory made by {@link #tempDataDir()}, files first. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
