package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@code POST /session/{flow}/migrate}: a session run becomes a process, once, and no step is lost on the way. */
@FlowstateServerTest(flows = "src/test/resources/session-flows", store = StoreKind.SQLITE, mode = Mode.SESSION)
class MigrateIT {

    @Test
    void aWaitingSessionRunBecomesAProcessThatContinuesWithTheSameState(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{\"coupon\": {\"code\": \"X1\", \"pct\": [5, 10]}}");
        browser.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");
        JsonNode before = browser.get("/session/order").json();

        Http.Response migrated = browser.post("/session/order/migrate", "");

        assertThat(migrated.status()).isEqualTo(201);
        String id = migrated.processId();
        assertThat(migrated.header("Location")).isEqualTo("/process/" + id);
        JsonNode process = http.get("/process/" + id).json();
        assertThat(process.get("state")).isEqualTo(before.get("state"));
        assertThat(process.get("version")).isEqualTo(before.get("version"));
        assertThat(process.at("/nextStep/id").asText()).isEqualTo("items");
        assertThat(process.get("expiresAt")).isEqualTo(before.get("expiresAt"));

        Http.Response items = http.post("/process/" + id + "/step", "{\"step\": \"items\", \"input\": {\"count\": 3}}",
                "If-Match", "\"2\"");
        assertThat(items.status()).isEqualTo(200);
        assertThat(items.json().at("/state/total").asInt()).isEqualTo(15);

        Http.Response stale = browser.post("/session/order/step", "{\"step\": \"items\", \"input\": {\"count\": 1}}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("session_migrated");
        assertThat(stale.json().get("processId").asText()).isEqualTo(id);
        assertThat(stale.header("Location")).isEqualTo("/process/" + id);
    }

    @Test
    void theMoveIsTheProcessFirstEventAndArrivesOverSseAsProcessWaiting(Http http, ServerUnderTest server) {
        Browser browser = new Browser(http);
        browser.start("order", "{}");
        browser.post("/session/order/step", "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}");

        Http.Response migrated = browser.post("/session/order/migrate", "");

        String id = migrated.processId();
        long version = migrated.json().get("version").asLong();
        // the process's log starts at the move: a client that saw the run up to the version before it gets the move
        try (SseClient sse = server.sse("/process/" + id + "/events", "Last-Event-ID", Long.toString(version - 1))) {
            SseClient.Message moved = sse.nextEvent(Duration.ofSeconds(5));
            assertThat(moved.event()).isEqualTo("process.waiting");
            assertThat(moved.id()).isEqualTo(Long.toString(version));
            assertThat(moved.json().get("type").asText()).isEqualTo("process.waiting");
            assertThat(moved.json().at("/process/nextStep/id").asText()).isEqualTo("items");
            assertThat(moved.json().get("steps")).isEmpty();

            http.post("/process/" + id + "/step", "{\"step\": \"items\", \"input\": {\"count\": 3}}");
            SseClient.Message next = sse.nextEvent(Duration.ofSeconds(5));
            assertThat(next.id()).as("one commit, one version, one event").isEqualTo(Long.toString(version + 1));
        }
    }

    @Test
    void migratingTwiceAnswersTheSameProcess(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{}");

        String first = browser.post("/session/order/migrate", "").processId();
        Http.Response again = browser.post("/session/order/migrate", "");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.processId()).isEqualTo(first);
    }

    @Test
    void aNewSessionRunAfterAMigrationIsNotTheMigratedOne(Http http) {
        Browser browser = new Browser(http);
        browser.start("order", "{\"round\": 1}");
        String migrated = browser.post("/session/order/migrate", "").processId();

        browser.start("order", "{\"round\": 2}");

        assertThat(browser.get("/session/order").json().at("/state/round").asInt()).isEqualTo(2);
        String second = browser.post("/session/order/migrate", "").processId();
        assertThat(second).isNotEqualTo(migrated);
        assertThat(http.get("/process/" + migrated).json().at("/state/round").asInt()).isEqualTo(1);
    }

    @Test
    void nothingToMigrateIs404(Http http) {
        Http.Response none = new Browser(http).post("/session/order/migrate", "");

        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("code").asText()).isEqualTo("process_not_found");
    }

    @Test
    void aStepRacingTheMigrationIsAppliedBeforeItOrRejectedNeverLost(Http http) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int applied = 0;
        int rejected = 0;
        try {
            for (int round = 0; round < 30; round++) {
                Browser browser = new Browser(http);
                browser.start("counter", "{}");
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Http.Response> step = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return browser.on(http).post("/session/counter/step", "{\"step\": \"add\", \"input\": {\"n\": 1}}");
                }, pool);
                CompletableFuture<Http.Response> migrate = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return browser.on(http).post("/session/counter/migrate", "");
                }, pool);
                go.countDown();

                Http.Response stepped = step.get();
                String id = migrate.get().processId();
                JsonNode process = http.get("/process/" + id).json();
                if (stepped.status() == 200) {
                    applied++;
                    assertThat(process.at("/state/total").asInt()).as("round %d: an acknowledged step", round)
                            .isEqualTo(1);
                } else {
                    rejected++;
                    assertThat(stepped.status()).isEqualTo(409);
                    assertThat(stepped.json().get("code").asText()).isEqualTo("session_migrated");
                    assertThat(process.at("/state/total").isMissingNode()).as("round %d: a refused step", round)
                            .isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied + rejected).isEqualTo(30);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
