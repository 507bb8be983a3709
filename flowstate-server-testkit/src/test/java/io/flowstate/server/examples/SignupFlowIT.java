package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.SseClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of docs/testing.md: the sign-up flow of examples/flows, end to end, on a real server. */
class SignupFlowIT {

    @RegisterExtension
    static final FlowstateServerExtension SERVER = FlowstateServerExtension.builder()
            .flows(Path.of("../examples/flows"))
            .store(FlowstateServerExtension.Store.SQLITE)
            .build();

    @Test
    void aLongNameLeadsThroughTheAddressFormToCompletion() {
        Http http = SERVER.http();
        JsonNode started = http.post("/workflow/start", "{\"flow\": \"signup\"}").json();
        String id = started.get("processId").asText();
        assertThat(started.at("/nextStep/id").asText()).isEqualTo("profile");

        try (SseClient events = SERVER.sse("/process/" + id + "/events")) {
            Http.Response profile = http.post("/process/" + id + "/step",
                    "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}",
                    "If-Match", "\"1\"");
            assertThat(profile.json().at("/nextStep/id").asText()).isEqualTo("address");

            Http.Response address = http.post("/process/" + id + "/step",
                    "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}", "If-Match", "\"2\"");
            assertThat(address.json().get("status").asText()).isEqualTo("completed");
            assertThat(address.json().at("/result/city").asText()).isEqualTo("London");

            assertThat(events.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("process.snapshot");
            assertThat(events.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("step.completed");
            assertThat(events.nextEvent(Duration.ofSeconds(5)).event()).isEqualTo("process.completed");
        }
    }

    @Test
    void aStaleVersionIsRefusedWith412() {
        Http http = SERVER.http();
        String id = http.post("/workflow/start", "{\"flow\": \"signup\"}").json().get("processId").asText();

        Http.Response stale = http.post("/process/" + id + "/step",
                "{\"step\": \"profile\", \"input\": {\"name\": \"Ada\", \"email\": \"ada@example.org\"}}",
                "If-Match", "\"7\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("version_mismatch");
    }
}
