package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store keeps processes across a server restart. */
class RestartIT {

    @TempDir
    Path data;

    @Test
    void aProcessSurvivesARestartAndContinuesFromTheStepItWaitedAt() {
        String id;
        JsonNode before;
        FlowstateServer first = FlowstateServer.start(TestServers.sqlite(data));
        try {
            Http http = new Http(first.port());
            id = http.post("/workflow/start", "{\"flow\": \"signup\"}").json().get("processId").asText();
            before = http.post("/process/" + id + "/step",
                    "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}").json();
            assertThat(before.at("/nextStep/id").asText()).isEqualTo("address");
        } finally {
            first.stop();
        }

        FlowstateServer second = FlowstateServer.start(TestServers.sqlite(data));
        try {
            Http http = new Http(second.port());
            JsonNode after = http.get("/process/" + id).json();
            assertThat(after).isEqualTo(before);

            JsonNode done = http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}",
                    "If-Match", "\"2\"").json();
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.at("/result/name").asText()).isEqualTo("Ada Lovelace");
            assertThat(http.get("/process/" + id + "/history").json().get("entries").size()).isEqualTo(3);
        } finally {
            second.stop();
        }
    }
}
