package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.MigrationConfig;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisMonitor;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Redis budget of DESIGN §10 measured through the HTTP API of one server: what Redis receives from clients
 * (MONITOR lines without script internals, cross-checked with {@code INFO commandstats}) per request. A step in
 * process mode may cost at most two round trips: a read and a compare-and-set script, or the script alone when the
 * instance holds a copy of the process at hand (it started or stepped it, and events keep the copy current); a stale
 * copy loses its script, whose answer carries the stored process for the second.
 */
class HttpRoundTripBudgetIT {

    private static final int PROCESSES = 20;
    private static final Pattern CALLS = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

    @Test
    void aStepCostsAtMostTwoRedisRoundTrips() {
        // the sweeper's first run and the migration switch's next read of the shared settings are an hour away, so
        // every command Redis sees comes from the requests (a refresh every 2 s used to land inside a slow segment)
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").withStore(StoreKind.REDIS)
                .withSweepInterval(Duration.ofHours(1)).withInstances(2)
                .withConfig(config -> config.withMigration(new MigrationConfig(config.migration().enabled(),
                        config.migration().rollout(), config.migration().flowRollouts(), Duration.ofHours(1))))
                .start();
             RedisMonitor monitor = RedisMonitor.start(server.redis())) {
            RedisServer redis = server.redis();
            Http http = server.http();
            List<String> ids = new ArrayList<>();

            List<String> starts = segment(redis, monitor, "starts", () -> {
                for (int i = 0; i < PROCESSES; i++) {
                    ids.add(ok(http.post("/workflow/start", "{\"flow\": \"signup\"}")).json().get("processId").asText());
                }
            });
            Map<String, Long> before = commandCalls(redis);
            List<String> steps = segment(redis, monitor, "steps", () -> {
                for (String id : ids) {
                    ok(http.post("/process/" + id + "/step",
                            "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}"));
                    ok(http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}"));
                }
            });
            Map<String, Long> after = commandCalls(redis);
            List<String> crossed = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                crossed.add(ok(http.post("/workflow/start", "{\"flow\": \"signup\"}")).json().get("processId").asText());
            }
            Http other = server.instance(1).http();
            List<String> alternating = segment(redis, monitor, "alternating", () -> {
                for (String id : crossed) { // each step to the other instance than the one before
                    ok(other.post("/process/" + id + "/step",
                            "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}"));
                    ok(http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}"));
                }
            });
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                notes.add(ok(http.post("/workflow/start", "{\"flow\": \"notes\"}")).json().get("processId").asText());
            }
            List<String> keyedSteps = segment(redis, monitor, "keyed", () -> {
                for (String id : notes.subList(0, 10)) {
                    ok(http.post("/process/" + id + "/step", "{\"input\": {}}",
                            "Idempotency-Key", UUID.randomUUID().toString()));
                }
            });
            List<String> puts = segment(redis, monitor, "puts", () -> {
                for (String id : notes.subList(10, 20)) {
                    ok(http.put("/process/" + id + "/state", "{\"replaced\": true}"));
                }
            });
            List<String> reads = segment(redis, monitor, "reads", () -> {
                for (String id : notes.subList(10, 20)) {
                    ok(http.get("/process/" + id));
                }
            });

            int stepCount = 2 * PROCESSES;
            System.out.printf(Locale.ROOT, "HttpRoundTripBudgetIT: client commands per request: start %.2f, step %.2f"
                            + " (%s), step alternating between instances %.2f (%s), step with Idempotency-Key %.2f,"
                            + " PUT state %.2f, GET %.2f;"
                            + " INFO commandstats over the %d steps: evalsha +%d, hmget +%d (hmget includes the"
                            + " script's own)%n",
                    starts.size() / (double) PROCESSES, steps.size() / (double) stepCount, byCommand(steps),
                    alternating.size() / (double) stepCount, byCommand(alternating),
                    keyedSteps.size() / 10.0, puts.size() / 10.0, reads.size() / 10.0, stepCount,
                    after.getOrDefault("evalsha", 0L) - before.getOrDefault("evalsha", 0L),
                    after.getOrDefault("hmget", 0L) - before.getOrDefault("hmget", 0L));

            assertThat(byCommand(starts)).isEqualTo(Map.of("evalsha", (long) PROCESSES));
            // the instance that started a process holds it at hand: its steps are the script alone
            assertThat(byCommand(steps)).isEqualTo(Map.of("evalsha", (long) stepCount));
            assertThat(after.get("evalsha") - before.get("evalsha")).isEqualTo(stepCount);
            // the other instance reads first; the starter's copy is current again once the event has arrived, and a
            // copy the event has not reached yet costs a lost script, or a read where the flow refuses the stale copy
            assertThat(alternating.size()).isBetween(stepCount + PROCESSES, 2 * stepCount);
            assertThat(byCommand(alternating).get("hmget")).isGreaterThanOrEqualTo(PROCESSES);
            assertThat(byCommand(alternating).get("evalsha")).isGreaterThanOrEqualTo(stepCount);
            // an Idempotency-Key adds its claim and its completion
            assertThat(keyedSteps).hasSize(10 * 3);
            assertThat(puts).hasSize(10);
            assertThat(reads).hasSize(10);
        }
    }

    /** The client commands Redis received while {@code action} ran, between two ECHO markers. */
    private static List<String> segment(RedisServer redis, RedisMonitor monitor, String name, Runnable action) {
        String begin = "begin-" + name + "-" + UUID.randomUUID();
        String end = "end-" + name + "-" + UUID.randomUUID();
        redis.call("ECHO", begin);
        action.run();
        redis.call("ECHO", end);
        monitor.awaitLine(end, Duration.ofSeconds(5));
        List<String> lines = monitor.clientCommands();
        int from = indexOf(lines, begin);
        int to = indexOf(lines, end);
        return lines.subList(from + 1, to);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("MONITOR did not record " + marker);
    }

    private static Map<String, Long> byCommand(List<String> lines) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : lines) {
            String command = line.substring(line.indexOf("] \"") + 3);
            counts.merge(command.substring(0, command.indexOf('"')).toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> commandCalls(RedisServer redis) {
        Map<String, Long> calls = new LinkedHashMap<>();
        Matcher matcher = CALLS.matcher((String) redis.call("INFO", "commandstats"));
        while (matcher.find()) {
            calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return calls;
    }

    private static Http.Response ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }
}
