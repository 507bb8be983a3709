package io.flowstate.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flowstate.bench.peers.CamundaPeer;
import io.flowstate.bench.peers.FlowablePeer;
import io.flowstate.bench.peers.PeerEngine;
import io.flowstate.bench.peers.PeerSetup;
import io.flowstate.bench.peers.SignupVariables;
import io.flowstate.core.json.Json;
import io.flowstate.server.FlowstateServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@link PeersLoadDriver} measures side by side: Flowstate in process on memory and on SQLite and over HTTP
 * on SQLite, each running {@link SignupCycle}, and Flowable and Camunda embedded on H2 (in memory and on a file,
 * history {@code audit} and {@code none}), each running the same flow as BPMN with the same form inputs.
 */
final class PeerTargets {

    /** One thing measured: a cycle every client may run at once, and what to close when the run is over. */
    record Target(String name, String durability, ClosedLoopLoad.Operation cycle, AutoCloseable resource) {

        boolean isFlowstate() {
            return name.startsWith("flowstate");
        }
    }

    static final String SQLITE_DURABILITY = "SQLite WAL, synchronous=NORMAL (default): no fsync per commit";
    static final String H2_FILE_DURABILITY = "H2 file, defaults: no fsync per commit";

    private PeerTargets() {
    }

    /** The inputs {@link SignupCycle} submits, as the variables a person completes the two tasks with. */
    static SignupVariables variables() {
        return new SignupVariables(input(SignupCycle.PROFILE), input(SignupCycle.ADDRESS));
    }

    static Target flowstate(String store, Path dataDir) {
        InProcessFlowstate flowstate = new InProcessFlowstate(BenchConfigs.config(store, dataDir));
        EngineSignupClient client = new EngineSignupClient(flowstate.engine());
        return new Target("flowstate-" + store, durability(store), () -> SignupCycle.run(client), flowstate);
    }

    static Target flowstateOverHttp(String store, Path dataDir) {
        FlowstateServer server = FlowstateServer.start(BenchConfigs.config(store, dataDir));
        JdkHttpSignupClient client = new JdkHttpSignupClient(server.port());
        return new Target("flowstate-http-" + store, durability(store), () -> SignupCycle.run(client), server::stop);
    }

    static Target peer(String engine, PeerSetup setup) {
        PeerEngine peer = switch (engine) {
            case "flowable" -> FlowablePeer.start(setup, variables());
            case "camunda" -> CamundaPeer.start(setup, variables());
            default -> throw new IllegalArgumentException("no peer " + engine);
        };
        String durability = setup.database() == PeerSetup.Database.FILE ? H2_FILE_DURABILITY : "none (memory)";
        return new Target(engine + "-" + setup.label(), durability, peer::runCycle, peer);
    }

    /**
     * Every target by name, the Flowstate ones first, each started only when asked for; {@code dir} holds their
     * data directories and H2 files.
     */
    static Map<String, Supplier<Target>> catalogue(Path dir) {
        Map<String, Supplier<Target>> targets = new LinkedHashMap<>();
        targets.put("flowstate-memory", () -> flowstate("memory", dir.resolve("memory")));
        targets.put("flowstate-sqlite", () -> flowstate("sqlite", dir.resolve("sqlite")));
        targets.put("flowstate-http-sqlite", () -> flowstateOverHttp("sqlite", dir.resolve("http-sqlite")));
        for (String engine : List.of("flowable", "camunda")) {
            for (PeerSetup.Database database : PeerSetup.Database.values()) {
                for (PeerSetup.History history : PeerSetup.History.values()) {
                    PeerSetup setup = new PeerSetup(database, history, dir);
                    targets.put(engine + "-" + setup.label(), () -> peer(engine, setup));
                }
            }
        }
        return targets;
    }

    private static String durability(String store) {
        return store.equals("sqlite") ? SQLITE_DURABILITY : "none (memory)";
    }

    private static Map<String, Object> input(byte[] body) {
        try {
            return Json.mapper().convertValue(Json.parse(body).get("input"), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
