package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /process/{id}/ws} over a real WebSocket: events out, commands in, limits and origins. */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = {FastEvents.class, WebSocketIT.AppOrigin.class})
class WebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Browsers may open sockets only from https://app.example.com. */
    static final class AppOrigin implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withServer(new ServerConfig(config.server().host(), config.server().port(),
                    config.server().maxBodyBytes(), List.of("https://app.example.com")));
        }
    }

    static ServerUnderTest server;
    static Http http;

    @BeforeAll
    static void clients(ServerUnderTest started) {
        server = started;
        http = started.http();
    }


    static String start(String flow) {
        return http.start(flow);
    }

    static WsClient connect(String id, String... headers) {
        return server.ws("/process/" + id + "/ws", headers);
    }

    @Test
    void drivesAThreeStepFlowToCompletedOverTheWebSocketAlone() {
        String id = start("wizard");
        try (WsClient ws = connect(id)) {
            JsonNode snapshot = ws.next(WAIT);
            assertThat(snapshot.get("type").asText()).isEqualTo("process.snapshot");
            assertThat(snapshot.at("/process/nextStep/id").asText()).isEqualTo("name");

            ws.send("{\"type\": \"step\", \"step\": \"name\", \"input\": {\"name\": \"Ada\"}, \"ifVersion\": 1,"
                    + " \"requestId\": \"r1\"}");
            JsonNode ack = ws.next("ack", WAIT);
            assertThat(ack.get("requestId").asText()).isEqualTo("r1");
            assertThat(ack.at("/process/version").asLong()).isEqualTo(2);
            assertThat(ack.at("/process/nextStep/id").asText()).isEqualTo("email");

            ws.send("{\"type\": \"step\", \"input\": {\"email\": \"ada@example.org\"}, \"ifVersion\": 2,"
                    + " \"requestId\": \"r2\"}");
            assertThat(ws.next("ack", WAIT).at("/process/nextStep/id").asText()).isEqualTo("confirm");

            ws.send("{\"type\": \"step\", \"input\": {\"ok\": true}, \"ifVersion\": 3, \"requestId\": \"r3\"}");
            // the last event and the last ack, in either order, both before the close
            Map<String, JsonNode> last = new HashMap<>();
            while (last.size() < 2) {
                JsonNode frame = ws.next(WAIT);
                if (!frame.get("type").asText().equals("step.completed")) { // events of the earlier steps
                    last.put(frame.get("type").asText(), frame);
                }
            }
            assertThat(last).containsOnlyKeys("ack", "process.completed");
            assertThat(last.get("ack").get("requestId").asText()).isEqualTo("r3");
            assertThat(last.get("process.completed").get("version").asLong()).isEqualTo(4);
            assertThat(last.get("process.completed").at("/process/result/email").asText()).isEqualTo("ada@example.org");
            assertThat(ws.closeCode(WAIT)).isEqualTo(1000);
        }
        assertThat(http.get("/process/" + id).json().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void sendsEveryEventOfTheProcessWithItsVersion() {
        String id = start("wizard");
        try (WsClient ws = connect(id)) {
            assertThat(ws.next(WAIT).get("version").asLong()).isEqualTo(1);
            http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
            JsonNode event = ws.next(WAIT);
            assertThat(event.get("type").asText()).isEqualTo("step.completed");
            assertThat(event.get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void answersAStaleIfVersionWithAVersionMismatchErrorFrame() {
        String id = start("wizard");
        http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
        try (WsClient ws = connect(id)) {
            ws.next(WAIT);
            ws.send("{\"type\": \"step\", \"input\": {\"email\": \"a@b.org\"}, \"ifVersion\": 1, \"requestId\": \"r9\"}");
            JsonNode error = ws.next("error", WAIT);
            assertThat(error.get("requestId").asText()).isEqualTo("r9");
            assertThat(error.at("/problem/code").asText()).isEqualTo("version_mismatch");
            assertThat(error.at("/problem/status").asInt()).isEqualTo(412);
            assertThat(error.at("/problem/currentVersion").asLong()).isEqualTo(2);
            assertThat(error.at("/problem/current/nextStep/id").asText()).isEqualTo("email");
        }
    }

    @Test
    void answersInvalidInputWithTheSchemaViolationsAsOverHttp() {
        String id = start("wizard");
        try (WsClient ws = connect(id)) {
            ws.next(WAIT);
            ws.send("{\"type\": \"step\", \"input\": {\"name\": \"\"}, \"requestId\": 7}");
            JsonNode error = ws.next("error", WAIT);
            assertThat(error.get("requestId").asText()).isEqualTo("7");
            assertThat(error.at("/problem/code").asText()).isEqualTo("invalid_input");
            assertThat(error.at("/problem/errors/0/pointer").asText()).isEqualTo("/name");

            ws.send("{not json");
            assertThat(ws.next("error", WAIT).at("/problem/code").asText()).isEqualTo("malformed_json");
            ws.send("{\"type\": \"dance\", \"requestId\": \"r\"}");
            assertThat(ws.next("error", WAIT).at("/problem/code").asText()).isEqualTo("invalid_message");
        }
    }

    @Test
    void patchesTheStateAndResumesAfterAVersion() {
        String id = start("notes");
        try (WsClient ws = connect(id)) {
            ws.next(WAIT);
            ws.send("{\"type\": \"patch\", \"patch\": {\"a\": 1}, \"requestId\": \"p1\"}");
            assertThat(ws.next("ack", WAIT).at("/process/state/a").asInt()).isEqualTo(1);
            ws.send("{\"type\": \"patch\", \"patch\": {\"b\": 2}, \"ifVersion\": 2, \"requestId\": \"p2\"}");
            assertThat(ws.next("ack", WAIT).at("/process/version").asLong()).isEqualTo(3);

            ws.send("{\"type\": \"resume\", \"afterVersion\": 1, \"requestId\": \"again\"}");
            JsonNode replayed2 = ws.next("state.updated", WAIT);
            while (replayed2.get("version").asLong() != 2) {
                replayed2 = ws.next("state.updated", WAIT);
            }
            assertThat(ws.next("state.updated", WAIT).get("version").asLong()).isEqualTo(3);
            assertThat(ws.next("ack", WAIT).get("requestId").asText()).isEqualTo("again");
        }
    }

    @Test
    void startsWithTheEventsAfterLastEventIdWhenGivenOne() {
        String id = start("notes");
        http.patch("/process/" + id + "/state", "{\"a\": 1}");
        http.patch("/process/" + id + "/state", "{\"a\": 2}");
        try (WsClient ws = server.ws("/process/" + id + "/ws?lastEventId=2")) {
            JsonNode first = ws.next(WAIT);
            assertThat(first.get("type").asText()).isEqualTo("state.updated");
            assertThat(first.get("version").asLong()).isEqualTo(3);
        }
    }

    @Test
    void refusesAHandshakeFromAForeignOrigin() {
        String id = start("notes");
        assertThatThrownBy(() -> connect(id, "Origin", "https://evil.example.net"))
                .isInstanceOfSatisfying(WsClient.Refused.class, refused -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void acceptsAHandshakeFromAListedOriginOrWithoutOrigin() {
        String id = start("notes");
        try (WsClient ws = connect(id, "Origin", "https://app.example.com")) {
            assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("process.snapshot");
        }
        try (WsClient ws = connect(id)) {
            assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("process.snapshot");
        }
    }

    @Test
    void refusesAHandshakeForAnUnknownProcessWith404() {
        assertThatThrownBy(() -> connect("3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21"))
                .isInstanceOfSatisfying(WsClient.Refused.class, refused -> assertThat(refused.status()).isEqualTo(404));
    }

    @Test
    void aPlainGetOfTheSocketPathIs426ForALiveProcess() {
        String id = start("notes");
        Http.Response plain = http.get("/process/" + id + "/ws");
        assertThat(plain.status()).isEqualTo(426);
        assertThat(plain.json().get("code").asText()).isEqualTo("upgrade_required");
    }

    @Test
    void closesTheConnectionWith1009WhenAMessageIsTooLarge() {
        String id = start("notes");
        try (WsClient ws = connect(id)) {
            ws.next(WAIT);
            String big = "{\"type\": \"patch\", \"patch\": {\"x\": \"" + "a".repeat(70 * 1024) + "\"}}";
            ws.sendAsync(big);
            assertThat(ws.closeCode(WAIT)).isEqualTo(1009);
        }
        assertThat(http.get("/process/" + id).json().get("version").asLong()).as("nothing was applied").isEqualTo(1);
    }

    @Test
    void answersAFloodWithRateLimitedErrorsThenCloses() {
        String id = start("notes");
        try (WsClient ws = connect(id)) {
            ws.next(WAIT);
            for (int i = 0; i < 200; i++) {
                if (!ws.trySend("{\"type\": \"patch\", \"patch\": {\"i\": " + i + "}, \"requestId\": \"f" + i
                        + "\"}")) {
                    break; // the server closed the connection: the flood was stopped
                }
            }
            JsonNode error = ws.next("error", WAIT);
            while (!error.at("/problem/code").asText().equals("rate_limited")) {
                error = ws.next("error", WAIT);
            }
            assertThat(error.at("/problem/code").asText()).isEqualTo("rate_limited");
            assertThat(error.at("/problem/status").asInt()).isEqualTo(429);
            assertThat(ws.closeCode(WAIT)).isEqualTo(1008);
        }
    }
}
