package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A W3C {@code traceparent} sent with a write travels with the event it commits: a subscriber on another instance
 * gets it in the envelope. A write without one commits an event without the field.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS, instances = 2)
class TraceparentIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void theTraceOfAStepReachesTheEventOnAnotherInstance(@Instance(0) ServerUnderTest a,
                                                         @Instance(1) ServerUnderTest b) {
        String id = a.http().start("signup");
        try (SseClient events = a.sse("/process/" + id + "/events")) {
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");

            Http.Response step = b.http().post("/process/" + id + "/step",
                    "{\"input\": {\"name\": \"Grace Hopper\", \"email\": \"grace@example.org\"}}", "traceparent", TRACE);
            assertThat(step.status()).isEqualTo(200);
            b.http().patch("/process/" + id + "/state", "{\"note\": \"untraced\"}");

            SseClient.Message traced = events.nextEvent(WAIT);
            assertThat(traced.event()).isEqualTo("step.completed");
            assertThat(traced.json().get("traceparent").asText()).isEqualTo(TRACE);
            SseClient.Message untraced = events.nextEvent(WAIT);
            assertThat(untraced.event()).isEqualTo("state.updated");
            assertThat(untraced.json().has("traceparent")).isFalse();
        }
    }

    @Test
    void aWebSocketsHandshakeTraceTravelsWithTheStepsItSends(@Instance(0) ServerUnderTest a,
                                                             @Instance(1) ServerUnderTest b) {
        String id = a.http().start("signup");
        try (SseClient events = b.sse("/process/" + id + "/events");
             WsClient ws = a.ws("/process/" + id + "/ws", "traceparent", TRACE)) {
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");

            ws.send("{\"type\": \"step\", \"requestId\": \"r1\", \"input\": {\"name\": \"Grace Hopper\","
                    + " \"email\": \"grace@example.org\"}}");
            assertThat(ws.next("ack", WAIT).get("requestId").asText()).isEqualTo("r1");

            SseClient.Message traced = events.nextEvent(WAIT);
            assertThat(traced.event()).isEqualTo("step.completed");
            assertThat(traced.json().get("traceparent").asText()).isEqualTo(TRACE);
        }
    }
}
