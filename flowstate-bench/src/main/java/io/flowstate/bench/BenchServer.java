package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.EventsConfig;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Flowstate server in its own JVM, driven over stdin so a benchmark can measure it without its own objects in the
 * heap (or its own threads on the JIT): it prints {@code port N} once listening, and answers each {@code measure} line
 * with {@code heap <bytes used after full GC> threads <live platform threads>}. Flows: {@code notes} (one form, then
 * the end) and {@code loop} (a form of three typed fields that loops back to itself, so one process takes any number
 * of steps). The store: memory without arguments; {@code sqlite} (a fresh data directory, default durability);
 * {@code redis <url>}; {@code hybrid <url>} (that Redis, every flow in hybrid mode). Everything else is the default
 * configuration, access log included.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws IOException {
        Path flows = Files.createTempDirectory("bench-flows");
        Files.writeString(flows.resolve("notes.json"), """
                { "id": "notes", "start": "edit", "steps": {
                    "edit": { "type": "form", "schema": { "type": "object" }, "next": "done" },
                    "done": { "type": "end" } } }
                """);
        Files.writeString(flows.resolve("loop.json"), """
                { "id": "loop", "start": "edit", "steps": {
                    "edit": { "type": "form", "next": "edit", "schema": { "type": "object", "required": ["name"],
                        "properties": { "name": { "type": "string", "maxLength": 100 },
                            "age": { "type": "integer", "minimum": 0 }, "newsletter": { "type": "boolean" } } } } } }
                """);
        String kind = args.length > 0 ? args[0] : "memory";
        boolean redis = kind.equals("redis") || kind.equals("hybrid");
        StoreConfig.Kind store = redis ? StoreConfig.Kind.REDIS
                : kind.equals("sqlite") ? StoreConfig.Kind.SQLITE : StoreConfig.Kind.MEMORY;
        Path data = store == StoreConfig.Kind.SQLITE ? Files.createTempDirectory("bench-data") : flows;
        FlowstateConfig config = new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows,
                kind.equals("hybrid") ? Mode.HYBRID : Mode.PROCESS,
                new StoreConfig(store, data, StoreConfig.DEFAULTS.durability(), 1000, Duration.ofSeconds(1),
                        redis ? args[1] : StoreConfig.DEFAULTS.redisUrl()), ScriptConfig.DEFAULTS,
                redis ? new EventsConfig(Duration.ofSeconds(15), 1024, Duration.ofSeconds(2), 10_000)
                        : EventsConfig.DEFAULTS);
        try (FlowstateServer server = FlowstateServer.start(config)) {
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                if (line.equals("measure")) {
                    System.out.println("heap " + heapAfterGc() + " threads "
                            + ManagementFactory.getThreadMXBean().getThreadCount() + " streams " + server.openStreams());
                    System.out.flush();
                }
            }
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
