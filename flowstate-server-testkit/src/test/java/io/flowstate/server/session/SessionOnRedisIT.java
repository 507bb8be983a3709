package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.MigrationConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Session mode and the switch on two instances sharing one Redis: a session continues on either instance, the lock
 * holds across them, and a switch changed by {@code flowstate migration set} reaches the other instance without a
 * restart.
 */
@FlowstateServerTest(flows = "src/test/resources/session-flows", store = StoreKind.REDIS, instances = 2,
        configure = SessionOnRedisIT.AllInSessionMode.class)
class SessionOnRedisIT {

    /** The switch on at 0%: every browser runs session mode until an operator moves the rollout. */
    public static final class AllInSessionMode implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withMigration(new MigrationConfig(true, 0, Map.of(), Duration.ofMillis(200)));
        }
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnTheOther(@Instance(0) ServerUnderTest a,
                                                         @Instance(1) ServerUnderTest b) {
        Browser onA = new Browser(a.http());
        assertThat(onA.start("order", "{}").header("Flowstate-Mode")).isEqualTo("session");
        Browser onB = onA.on(b.http());

        Http.Response step = onB.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");

        assertThat(step.status()).isEqualTo(200);
        assertThat(onA.get("/session/order").json().at("/state/name").asText()).isEqualTo("Ada");
    }

    @Test
    void theSessionLockHoldsAcrossInstances(@Instance(0) ServerUnderTest a, @Instance(1) ServerUnderTest b)
            throws Exception {
        Browser browser = new Browser(a.http());
        browser.start("counter", "{}");
        int requests = 24;
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Browser tab = browser.on(i % 2 == 0 ? a.http() : b.http());
                answers.add(tabs.submit(() -> tab.post("/session/counter/step",
                        "{\"step\": \"add\", \"input\": {\"n\": 1}}")));
            }
            for (Future<Http.Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            tabs.shutdownNow();
        }

        JsonNode run = browser.get("/session/counter").json();
        assertThat(run.at("/state/total").asInt()).isEqualTo(requests);
        assertThat(run.get("version").asLong()).isEqualTo(1 + requests);
    }

    @Test
    void aChangedSwitchReachesTheOtherInstanceWithoutARestart(@Instance(0) ServerUnderTest a,
                                                              @Instance(1) ServerUnderTest b, RedisServer redis)
            throws Exception {
        List<String> store = List.of("--store", "redis", "--redis-url", redis.uri());
        assertThat(Migration.modeOfNewRun(b.http(), "a-browser-id-0001", "order")).isEqualTo("session");

        Migration.run(store, "set", "--enabled", "true", "--rollout", "100");
        try {
            Migration.await("instance 1 follows the stored switch",
                    () -> "process".equals(Migration.modeOfNewRun(b.http(), "a-browser-id-0001", "order")));
        } finally {
            Migration.run(store, "clear");
        }
        for (ServerUnderTest instance : List.of(a, b)) {
            Migration.await("every instance returns to its configuration",
                    () -> "session".equals(Migration.modeOfNewRun(instance.http(), "a-browser-id-0001", "order")));
        }
    }

    @Test
    void runsTheSwitchSendsToSessionModeAreCountedAsSessionInTheMetrics(@Instance(0) ServerUnderTest a) {
        Browser browser = new Browser(a.http());
        browser.start("counter", "{}");
        browser.post("/session/counter/step", "{\"step\": \"add\", \"input\": {\"n\": 1}}");

        List<String> lines = a.http().get("/metrics").body().lines()
                .filter(line -> line.contains("flow=\"counter\"")).toList();

        assertThat(lines).anyMatch(line -> line.startsWith("flowstate_steps_total{") && line.contains("mode=\"session\""))
                .noneMatch(line -> line.startsWith("flowstate_steps_total{") && line.contains("mode=\"process\""));
    }
}
