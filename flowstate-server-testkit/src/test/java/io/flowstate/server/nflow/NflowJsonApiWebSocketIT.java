package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WebSocket {@code step} messages of an nFlow process run its nodes as {@code POST /process/{id}/step} does, on an
 * nFlow-format app written for these tests ({@code jsonapi.json}: First form, a js node, Second form, json).
 */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE)
class NflowJsonApiWebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void stepMessagesRunTheNflowNodesToTheNextFormAndToTheEnd(ServerUnderTest server) {
        String id = new Browser(server.port()).get("/api/form").hidden("nflow_process_id");

        try (WsClient socket = server.ws("/process/" + id + "/ws")) {
            assertThat(socket.next(WAIT).at("/process/nextStep/title").asText()).isEqualTo("First");
            socket.send("{\"type\": \"step\", \"input\": {\"a\": \"x\"}, \"requestId\": \"r1\"}");

            // the event and the ack may come in either order
            Map<String, JsonNode> frames = new HashMap<>();
            while (frames.size() < 2) {
                JsonNode frame = socket.next(WAIT);
                frames.put(frame.get("type").asText(), frame);
            }
            JsonNode ack = frames.get("ack");
            assertThat(ack.get("requestId").asText()).isEqualTo("r1");
            assertThat(ack.at("/process/status").asText()).isEqualTo("waiting");
            assertThat(ack.at("/process/nextStep/id").asText()).isEqualTo("second");
            assertThat(ack.at("/process/state/seen").asText()).isEqualTo("x!");
            assertThat(frames.get("step.completed").get("version").asLong()).isEqualTo(2);

            socket.send("{\"type\": \"step\", \"input\": {\"b\": \"y\"}, \"step\": \"second\", \"requestId\": \"r2\"}");
            JsonNode done = socket.next("ack", WAIT);
            assertThat(done.at("/process/status").asText()).isEqualTo("completed");
            assertThat(done.at("/process/result/seen").asText()).isEqualTo("x!");
            assertThat(done.at("/process/result/b").asText()).isEqualTo("y");
        }
        Http.Response stored = server.http().get("/process/" + id);
        assertThat(stored.json().get("status").asText()).isEqualTo("completed");
        assertThat(stored.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aStepMessageForAnotherNodeOrAnOldVersionIsAnErrorFrameAndChangesNothing(ServerUnderTest server) {
        String id = new Browser(server.port()).get("/api/form").hidden("nflow_process_id");

        try (WsClient socket = server.ws("/process/" + id + "/ws")) {
            socket.next(WAIT);
            socket.send("{\"type\": \"step\", \"input\": {\"a\": \"x\"}, \"step\": \"second\", \"requestId\": \"r1\"}");
            JsonNode wrongStep = socket.next("error", WAIT);
            socket.send("{\"type\": \"step\", \"input\": {\"a\": \"x\"}, \"ifVersion\": 7, \"requestId\": \"r2\"}");
            JsonNode stale = socket.next("error", WAIT);

            assertThat(wrongStep.get("requestId").asText()).isEqualTo("r1");
            assertThat(wrongStep.at("/problem/code").asText()).isEqualTo("wrong_step");
            assertThat(stale.at("/problem/code").asText()).isEqualTo("version_mismatch");
            assertThat(stale.at("/problem/currentVersion").asLong()).isEqualTo(1);
        }
        Http.Response stored = server.http().get("/process/" + id);
        assertThat(stored.json().get("version").asLong()).isEqualTo(1);
        assertThat(stored.json().at("/state/seen").isMissingNode()).isTrue();
    }

    @Test
    void aStepMessageAnswersAsPostStepDoes(ServerUnderTest server) {
        Browser browser = new Browser(server.port());
        String overSocket = browser.get("/api/form").hidden("nflow_process_id");
        String overHttp = browser.get("/api/form").hidden("nflow_process_id");

        JsonNode viaHttp = server.http().post("/process/" + overHttp + "/step", "{\"input\": {\"a\": \"same\"}}").json();
        JsonNode viaSocket;
        try (WsClient socket = server.ws("/process/" + overSocket + "/ws")) {
            socket.next(WAIT);
            socket.send("{\"type\": \"step\", \"input\": {\"a\": \"same\"}}");
            viaSocket = socket.next("ack", WAIT).get("process");
        }

        assertThat(viaSocket.get("state")).isEqualTo(viaHttp.get("state"));
        assertThat(viaSocket.get("nextStep")).isEqualTo(viaHttp.get("nextStep"));
        assertThat(viaSocket.get("version")).isEqualTo(viaHttp.get("version"));
    }
}
