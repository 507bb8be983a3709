package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.ProcessFixtures;
import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each store operation and each HTTP request costs <em>inside Redis</em>, the figures that bound one shard:
 * against a private redis-server on loopback (testkit's {@link RedisServer}, stopped at the end) it runs the
 * store's real operations through {@link RedisProcessStore} (create, get, compare-and-set, delete, idempotency
 * claim + complete, expiry sweep, settings) and then requests against a Redis-backed {@link FlowstateServer}
 * (starts, whole three-request sign-ups, with and without {@code Idempotency-Key}, at one client and at
 * {@code bench.clients}), and for each reads the server's own accounting before and after: CPU of its main thread
 * ({@code INFO cpu}), {@code INFO commandstats}, bytes in and out ({@code INFO stats}). Round trips are counted on
 * a first sample of 50 operations under {@code MONITOR} (commands a script runs excluded), the costs on the
 * following {@code bench.ops} operations without it ("µs in commands" sums {@code usec} of the command names
 * clients sent, so a script-internal call of the same name, such as the {@code HMGET} inside compare-and-set,
 * is in it too). Last, {@code used_memory} per live process: processes
 * waiting at their second form over HTTP, and processes with a 1 KiB state through the store. Results:
 * docs/benchmarks.md ("Redis: server-side cost per operation") and docs/scaling.md.
 *
 * <p>Run from the repository root ({@code -Dbench.ops=10000 -Dbench.flows=1500 -Dbench.clients=16
 * -Dbench.live=2000}; {@code -Dbench.durable=true} runs Redis with {@code appendonly yes, appendfsync always}):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -o -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx1g \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) io.flowstate.bench.RedisScriptCostLoadDriver
 * </pre>
 */
public final class RedisScriptCostLoadDriver {

    private static final String STATE = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"score\":12}";

    private final int ops = Integer.getInteger("bench.ops", 10_000);
    private final int flows = Integer.getInteger("bench.flows", 1_500);
    private final int clients = Integer.getInteger("bench.clients", 16);
    private final int live = Integer.getInteger("bench.live", 2_000);
    private final boolean durable = Boolean.getBoolean("bench.durable");
    private final Path flowDir = Path.of(System.getProperty("bench.flows.dir", "examples/flows"));
    private final Clock clock = Clock.systemUTC();
    private final List<String> memory = new ArrayList<>();
    private final List<String> replication = new ArrayList<>();


    public static void main(String[] args) throws Exception {
        new RedisScriptCostLoadDriver().run();
        System.exit(0); // Helidon and Lettuce leave non-daemon threads behind a few seconds
    }

    private void run() throws Exception {
        String loadAtStart = LoadAverage.now();
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAtStart);
        RedisServerOptions options = durable ? RedisServerOptions.durable() : RedisServerOptions.inMemory();
        try (RedisServer redis = RedisServer.start(options)) {
            System.out.println("redis-server " + info(redis, "server", "redis_version") + " on " + redis.uri()
                    + (durable ? ", appendonly yes, appendfsync always" : ", in memory (no AOF, no RDB)"));
            RedisCostTable table = new RedisCostTable(redis, clients);
            try (RedisProcessStore store = RedisProcessStore.connect(RedisStoreOptions.of(redis.uri())
                    .withEventLogCapacity(StoreConfig.DEFAULTS.eventLogSize()), clock)) {
                storeRows(table, store);
                storeMemory(redis, store);
                replicationRows(table, redis, store);
            }
            try (FlowstateServer server = FlowstateServer.start(config(redis))) {
                SignupRequests http = new SignupRequests(server.port());
                ClosedLoopLoad.run("server warm-up", clients, Duration.ZERO, Duration.ofSeconds(8),
                        i -> () -> http.signup(i % 2 == 0));
                redis.call("FLUSHALL");
                httpRows(table, http);
                httpMemory(redis, http);
            }
            print(table, loadAtStart);
        }
    }

    private void storeRows(RedisCostTable table, RedisProcessStore store) throws Exception {
        table.row("store create", ops, count -> {
            List<ProcessInstance> fresh = fresh(count, ProcessFixtures.TTL, STATE);
            return i -> check(store.create(fresh.get(i), ProcessFixtures.startedEvent(fresh.get(i))), "create");
        });
        table.row("store get", ops, count -> {
            List<ProcessInstance> stored = stored(store, count, STATE);
            return i -> check(store.get(stored.get(i).processId()).isPresent(), "get");
        });
        table.row("store compareAndSet", ops, count -> {
            List<ProcessInstance> stored = stored(store, count, STATE);
            return i -> {
                ProcessInstance next = next(stored.get(i));
                check(store.compareAndSet(1, next, ProcessFixtures.updatedEvent(next))
                        instanceof CasResult.Committed, "compareAndSet");
            };
        });
        table.row("store delete", ops, count -> {
            List<ProcessInstance> stored = stored(store, count, STATE);
            return i -> {
                ProcessInstance cancelled = ProcessFixtures.cancelled(stored.get(i), clock);
                check(store.delete(cancelled.processId(), 1, ProcessFixtures.endedEvent(cancelled))
                        instanceof CasResult.Committed, "delete");
            };
        });
        table.row("store claim + complete idempotency", ops, count -> {
            String run = Long.toString(System.nanoTime());
            Instant expires = clock.instant().plus(Duration.ofHours(1));
            return i -> {
                check(store.claimIdempotency("flow:signup", run + i, "fp", expires)
                        instanceof IdempotencyClaim.Claimed, "claim");
                store.completeIdempotency("flow:signup", run + i, ProcessFixtures.response(201, STATE), expires);
            };
        });
        table.row("store sweepExpired (per removed process)", ops, count -> {
            List<ProcessInstance> expiring = fresh(count, Duration.ofMillis(1), STATE);
            for (ProcessInstance process : expiring) {
                store.create(process, ProcessFixtures.startedEvent(process));
            }
            Thread.sleep(20);
            int[] removed = {0};
            return i -> {
                if (i % 100 == 0) {
                    removed[0] += store.sweepExpired(100).removed();
                }
                if (i == count - 1) {
                    check(removed[0] == count, "sweep removed " + removed[0] + " of " + count);
                }
            };
        });
        table.row("store setting (read)", ops, count -> {
            store.putSetting("bench", "on");
            return i -> check(store.setting("bench").isPresent(), "setting");
        });
        table.row("store putSetting (write)", ops, count -> i -> store.putSetting("bench", "v" + (i % 2)));
        table.concurrentRow("store compareAndSet, " + clients + " clients", List.of("evalsha"), () -> {
            ProcessInstance[] current = {stored(store, 1, STATE).get(0)};
            return () -> {
                ProcessInstance next = next(current[0]);
                check(store.compareAndSet(current[0].version(), next, ProcessFixtures.updatedEvent(next))
                        instanceof CasResult.Committed, "compareAndSet");
                current[0] = next;
            };
        });
    }

    /**
     * The same concurrent compare-and-set with one replica attached (what feeding the replication stream costs the
     * primary's main thread), then what {@code WAIT 1} adds to a write's round trip on loopback.
     */
    private void replicationRows(RedisCostTable table, RedisServer redis, RedisProcessStore store) throws Exception {
        redis.call("FLUSHALL");
        try (RedisServer replica = RedisServer.start(RedisServerOptions.inMemory()
                .withArgs("--replicaof", "127.0.0.1", Integer.toString(redis.port())))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!info(replica, "replication", "master_link_status").equals("up")) {
                check(System.nanoTime() < deadline, "replica link up within 20 s");
                Thread.sleep(50);
            }
            table.concurrentRow("store compareAndSet, " + clients + " clients, 1 replica attached",
                    List.of("evalsha"), () -> {
                        ProcessInstance[] current = {stored(store, 1, STATE).get(0)};
                        return () -> {
                            ProcessInstance next = next(current[0]);
                            check(store.compareAndSet(current[0].version(), next, ProcessFixtures.updatedEvent(next))
                                    instanceof CasResult.Committed, "compareAndSet");
                            current[0] = next;
                        };
                    });
            replication.add(writeLatency(redis, false));
            replication.add(writeLatency(redis, true));
        }
    }

    /**
     * 3,000 {@code SET}s of 600 bytes on one connection (the first 1,000 are warm-up), each followed by
     * {@code WAIT 1 1000} or not.
     */
    private static String writeLatency(RedisServer redis, boolean wait) {
        String value = "v".repeat(600);
        long[] micros = new long[2000];
        try (var connection = redis.connect()) {
            for (int i = 0; i < 3000; i++) {
                long before = System.nanoTime();
                connection.call("SET", "bench:w:" + (i % 100), value);
                if (wait) {
                    check(Long.valueOf(1).equals(connection.call("WAIT", "1", "1000")), "WAIT 1 reached the replica");
                }
                if (i >= 1000) {
                    micros[i - 1000] = (System.nanoTime() - before) / 1000;
                }
            }
        }
        java.util.Arrays.sort(micros);
        return String.format(Locale.ROOT, "| %s | %d | %d µs | %d µs | %d µs |", wait ? "SET then WAIT 1 1000" : "SET",
                micros.length, micros[micros.length / 2], micros[micros.length * 99 / 100], micros[micros.length - 1]);
    }

    private void httpRows(RedisCostTable table, SignupRequests http) throws Exception {
        table.row("HTTP POST /workflow/start", flows, count -> i -> http.start(false));
        table.row("HTTP sign-up flow (start + 2 steps)", flows, count -> i -> http.signup(false));
        table.row("HTTP sign-up flow, Idempotency-Key on each", flows, count -> i -> http.signup(true));
        table.concurrentRow("HTTP POST /workflow/start, " + clients + " clients", List.of("evalsha"),
                () -> () -> http.start(false));
        table.concurrentRow("HTTP sign-up flow, " + clients + " clients", List.of("evalsha", "hmget"),
                () -> () -> http.signup(false));
        table.concurrentRow("HTTP POST /workflow/start, Idempotency-Key, " + clients + " clients",
                List.of("evalsha"), () -> () -> http.start(true));
        table.concurrentRow("HTTP sign-up flow, Idempotency-Key on each, " + clients + " clients",
                List.of("evalsha", "hmget", "hgetall"), () -> () -> http.signup(true));
    }

    private void storeMemory(RedisServer redis, RedisProcessStore store) throws Exception {
        for (String state : List.of(STATE, notes(1024), notes(4096))) {
            redis.call("FLUSHALL");
            RedisInfoSnapshot before = RedisInfoSnapshot.of(redis);
            for (ProcessInstance process : stored(store, live, state)) {
                ProcessInstance current = process;
                for (int step = 0; step < 3; step++) { // 4 events in the log, as after a start and 3 steps
                    ProcessInstance next = next(current);
                    store.compareAndSet(current.version(), next, ProcessFixtures.updatedEvent(next));
                    current = next;
                }
            }
            memory.add(memoryLine(before, RedisInfoSnapshot.of(redis), "store, state of " + state.length()
                    + " bytes of JSON, version 4 (4 events kept)"));
        }
    }

    /** A state with {@code bytes} of random hexadecimal notes from a fixed seed (Deflate shrinks it to about half). */
    private static String notes(int bytes) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder notes = new StringBuilder();
        while (notes.length() < bytes) {
            notes.append(Long.toHexString(random.nextLong()));
        }
        return "{\"notes\":\"" + notes.substring(0, bytes) + "\"}";
    }

    private void httpMemory(RedisServer redis, SignupRequests http) throws Exception {
        redis.call("FLUSHALL");
        RedisInfoSnapshot before = RedisInfoSnapshot.of(redis);
        for (int i = 0; i < live; i++) {
            http.startAndProfile();
        }
        memory.add(memoryLine(before, RedisInfoSnapshot.of(redis),
                "HTTP sign-up waiting at `address` (version 2, 2 events kept)"));
    }

    private String memoryLine(RedisInfoSnapshot before, RedisInfoSnapshot after, String what) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f MiB | %.0f B |", what, live,
                (after.usedMemory() - before.usedMemory()) / 1048576.0,
                (after.usedMemory() - before.usedMemory()) / (double) live);
    }


    private List<ProcessInstance> fresh(int count, Duration ttl, String state) {
        List<ProcessInstance> processes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ProcessInstance fixture = ProcessFixtures.started(clock, ttl);
            processes.add(withState(fixture, ProcessFixtures.state(state)));
        }
        return processes;
    }

    private List<ProcessInstance> stored(ProcessStore store, int count, String state) {
        List<ProcessInstance> processes = fresh(count, ProcessFixtures.TTL, state);
        for (ProcessInstance process : processes) {
            check(store.create(process, ProcessFixtures.startedEvent(process)), "create");
        }
        return processes;
    }

    /** The next version with the same state, as a step that changes little commits it. */
    private ProcessInstance next(ProcessInstance current) {
        return withState(ProcessFixtures.advanced(current, clock), current.state());
    }

    private static ProcessInstance withState(ProcessInstance p, ObjectNode state) {
        return new ProcessInstance(p.processId(), p.flowId(), p.flowVersion(), p.status(), p.version(),
                p.currentStep(), state.deepCopy(), p.result(), p.error(), p.createdAt(), p.updatedAt(), p.expiresAt());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " did not do what it should");
        }
    }

    private void print(RedisCostTable table, String loadAtStart) {
        table.print();
        System.out.println();
        System.out.println("| live processes | count | used_memory delta | per process |");
        System.out.println("|---|---:|---:|---:|");
        memory.forEach(System.out::println);
        System.out.println();
        System.out.println("| write on one connection, 1 replica on loopback | writes | p50 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        replication.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nload average at start: %s; at end: %s%n", loadAtStart, LoadAverage.now());
    }

    private FlowstateConfig config(RedisServer redis) {
        StoreConfig store = new StoreConfig(StoreConfig.Kind.REDIS, Path.of("unused"), StoreConfig.Durability.NORMAL,
                StoreConfig.DEFAULTS.eventLogSize(), StoreConfig.DEFAULTS.sweepInterval(), redis.uri());
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flowDir, Mode.PROCESS, store,
                ScriptConfig.DEFAULTS);
    }

    private static String info(RedisServer redis, String section, String field) {
        return String.valueOf(redis.call("INFO", section)).lines().filter(line -> line.startsWith(field + ":"))
                .findFirst().map(line -> line.substring(field.length() + 1)).orElse("?");
    }

}
