package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after a scripted run over HTTP: each named counter has exactly the value the run implies,
 * and no process id appears anywhere in the output.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", mutableClock = true, tokenKeys = "k1",
        configure = FastEvents.class)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", "
            + "\"email\": \"ada@example.org\"}}";

    @Test
    void aScriptedRunMovesTheNamedCountersToTheirExpectedValues(ServerUnderTest server, MutableClock clock)
            throws Exception {
        Http http = server.http();
        List<String> ids = new ArrayList<>();
        // three sign-ups and a start of a flow that does not exist
        for (int i = 0; i < 3; i++) {
            ids.add(http.start("signup"));
        }
        assertThat(http.post("/workflow/start", "{\"flow\": \"nope\"}").status()).isEqualTo(404);
        // the first walks to completion (its profile step runs the score script), the second sends invalid input
        // and then a stale version
        assertThat(http.post("/process/" + ids.get(0) + "/step", PROFILE).status()).isEqualTo(200);
        assertThat(http.post("/process/" + ids.get(0) + "/step", "{\"input\": {\"city\": \"London\"}}").status())
                .isEqualTo(200);
        assertThat(http.post("/process/" + ids.get(1) + "/step", "{\"input\": {\"name\": \"\"}}").status())
                .isEqualTo(422);
        assertThat(http.post("/process/" + ids.get(1) + "/step", PROFILE, "If-Match", "\"9\"").status())
                .isEqualTo(412);
        // a state edit
        assertThat(http.patch("/process/" + ids.get(1) + "/state", "{\"note\": \"x\"}").status()).isEqualTo(200);
        // a hybrid start sent twice with one Idempotency-Key: the second is a replay
        String cached = "{\"flow\": \"cached\"}";
        String first = http.post("/workflow/start", cached, "Idempotency-Key", "k-1").processId();
        Http.Response again = http.post("/workflow/start", cached, "Idempotency-Key", "k-1");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        ids.add(first);
        // a script that hits its statement limit
        String spin = http.start("spin");
        ids.add(spin);
        assertThat(http.post("/process/" + spin + "/step", "{\"input\": {}}").json().get("status").asText())
                .isEqualTo("failed");
        // a process token that does not verify
        assertThat(http.continueProcess("not-a-token", "{\"input\": {}}").status()).isEqualTo(401);
        // a watched step: one SSE stream, one event delivered to it
        String watched = ids.get(2);
        try (SseClient events = server.sse("/process/" + watched + "/events")) {
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");
            assertThat(scrape(http).value("flowstate_sse_connections")).isEqualTo(1);
            http.post("/process/" + watched + "/step", PROFILE);
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("step.completed");
        }
        // a process left idle past its two-second TTL
        String shortlived = http.start("shortlived");
        ids.add(shortlived);
        clock.advance(Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> scrape(http).value("flowstate_process_expiries_total", "flow", "shortlived") == 1);
        await().atMost(WAIT).until(() -> scrape(http).value("flowstate_sse_connections") == 0);

        PrometheusText metrics = scrape(http);

        String starts = "flowstate_process_starts_total";
        assertThat(metrics.value(starts, "flow", "signup", "mode", "process", "outcome", "waiting")).isEqualTo(3);
        assertThat(metrics.value(starts, "flow", "unknown", "mode", "unknown", "outcome", "flow_not_found"))
                .isEqualTo(1);
        assertThat(metrics.value(starts, "flow", "cached", "mode", "hybrid", "outcome", "waiting")).isEqualTo(1);
        assertThat(metrics.sum(starts)).isEqualTo(7);

        String steps = "flowstate_steps_total";
        assertThat(metrics.value(steps, "flow", "signup", "mode", "process", "outcome", "waiting")).isEqualTo(2);
        assertThat(metrics.value(steps, "flow", "signup", "outcome", "completed")).isEqualTo(1);
        assertThat(metrics.value(steps, "flow", "signup", "outcome", "invalid_input")).isEqualTo(1);
        assertThat(metrics.value(steps, "flow", "signup", "outcome", "version_mismatch")).isEqualTo(1);
        assertThat(metrics.value(steps, "flow", "spin", "outcome", "failed")).isEqualTo(1);
        assertThat(metrics.sum(steps)).isEqualTo(6);
        assertThat(metrics.value("flowstate_step_duration_seconds_count", "flow", "signup", "mode", "process"))
                .isEqualTo(5);
        assertThat(metrics.value("flowstate_step_duration_seconds_bucket", "flow", "signup", "le", "+Inf"))
                .isEqualTo(5);
        assertThat(metrics.value("flowstate_state_edits_total", "flow", "signup", "outcome", "waiting")).isEqualTo(1);

        assertThat(metrics.value("flowstate_script_duration_seconds_count", "flow", "signup")).isEqualTo(2);
        assertThat(metrics.value("flowstate_script_failures_total", "flow", "spin", "reason", "limit")).isEqualTo(1);
        assertThat(metrics.value("flowstate_idempotent_replays_total")).isEqualTo(1);
        assertThat(metrics.value("flowstate_token_failures_total", "reason", "invalid")).isEqualTo(1);
        assertThat(metrics.value("flowstate_events_delivered_total")).isEqualTo(1);
        assertThat(metrics.value("flowstate_events_dropped_total")).isZero();
        assertThat(metrics.value("flowstate_process_expiries_total", "flow", "shortlived")).isEqualTo(1);

        String storeOps = "flowstate_store_operation_duration_seconds_count";
        assertThat(metrics.value(storeOps, "store", "memory", "operation", "create")).isEqualTo(6);
        assertThat(metrics.value(storeOps, "store", "memory", "operation", "compare_and_set")).isEqualTo(5);
        assertThat(metrics.value(storeOps, "store", "memory", "operation", "claim_idempotency")).isEqualTo(2);
        assertThat(metrics.sum("flowstate_store_errors_total")).isZero();
        assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
        assertThat(metrics.has("jvm_threads_live_threads")).isTrue();

        for (String id : ids) {
            assertThat(metrics.samples()).noneMatch(sample -> sample.labels().containsValue(id));
        }
        assertThat(metrics.samples()).allMatch(sample -> !sample.labels().containsKey("processId"));
    }

    @Test
    void theOutputIsPrometheusText(Http http) {
        Http.Response response = http.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("# TYPE flowstate_sse_connections gauge");
        assertThat(http.send("HEAD", "/metrics", null, "").status()).isEqualTo(200);
    }

    private static PrometheusText scrape(Http http) {
        Http.Response response = http.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }
}
