package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import org.junit.jupiter.api.Test;

/** The SQLite store keeps processes across a server restart. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE)
class RestartIT {

    @Test
    void aProcessSurvivesARestartAndContinuesFromTheStepItWaitedAt(ServerUnderTest server) {
        Http first = server.http();
        String id = first.post("/workflow/start", "{\"flow\": \"signup\"}").json().get("processId").asText();
        JsonNode before = first.post("/process/" + id + "/step",
                "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}").json();
        assertThat(before.at("/nextStep/id").asText()).isEqualTo("address");

        server.restart();

        Http http = server.http();
        JsonNode after = http.get("/process/" + id).json();
        assertThat(after).isEqualTo(before);

        JsonNode done = http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}",
                "If-Match", "\"2\"").json();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/result/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(http.get("/process/" + id + "/history").json().get("entries").size()).isEqualTo(3);
    }
}
