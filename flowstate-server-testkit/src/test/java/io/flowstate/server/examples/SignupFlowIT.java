package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of docs/testing.md: the sign-up flow of examples/flows, end to end, on a real server. */
@FlowstateServerTest(flows = "../examples/flows", store = StoreKind.SQLITE, mutableClock = true)
class SignupFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aLongNameLeadsThroughTheAddressFormToCompletion(ServerUnderTest server) {
        Http http = server.http();
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().at("/nextStep/id").asText()).isEqualTo("profile");
        String id = started.processId();

        try (SseClient events = server.sse("/process/" + id + "/events")) {
            Http.Response profile = http.post("/process/" + id + "/step",
                    "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}",
                    "If-Match", "\"1\"");
            assertThat(profile.json().at("/nextStep/id").asText()).isEqualTo("address");

            Http.Response address = http.post("/process/" + id + "/step",
                    "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}", "If-Match", "\"2\"");
            assertThat(address.json().get("status").asText()).isEqualTo("completed");
            assertThat(address.json().at("/result/city").asText()).isEqualTo("London");

            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("step.completed");
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.completed");
        }
    }

    @Test
    void aStaleVersionIsRefusedWith412(Http http) {
        String id = http.post("/workflow/start", "{\"flow\": \"signup\"}").processId();

        Http.Response stale = http.post("/process/" + id + "/step",
                "{\"step\": \"profile\", \"input\": {\"name\": \"Ada\", \"email\": \"ada@example.org\"}}",
                "If-Match", "\"7\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("version_mismatch");
    }

    @Test
    void aProcessLeftIdleForItsThirtyMinuteTtlIsGone(Http http, MutableClock clock) {
        String id = http.post("/workflow/start", "{\"flow\": \"signup\"}").processId();

        clock.advance(Duration.ofMinutes(29));
        assertThat(http.get("/process/" + id).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        Http.Response gone = http.get("/process/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("process_not_found");
    }
}
