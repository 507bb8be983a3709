package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A process that expires (two idle seconds, real clock, sweeper every 200 ms) ends its subscribers' streams. */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = FastEvents.class)
class StreamExpiryIT {

    @Test
    void anExpiringProcessSendsProcessExpiredToItsSubscribersAndClosesTheirStreams(ServerUnderTest server) {
        Http http = server.http();
        String id = http.post("/workflow/start", "{\"flow\": \"shortlived\"}").json().get("processId").asText();

        try (SseClient first = server.sse("/process/" + id + "/events");
             SseClient second = server.sse("/process/" + id + "/events");
             WsClient socket = server.ws("/process/" + id + "/ws")) {
            assertThat(first.nextEvent(Duration.ofSeconds(5)).id()).isEqualTo("1");
            assertThat(second.nextEvent(Duration.ofSeconds(5)).id()).isEqualTo("1");
            assertThat(socket.next(Duration.ofSeconds(5)).get("version").asLong()).isEqualTo(1);

            for (SseClient sse : new SseClient[] {first, second}) {
                SseClient.Message expired = sse.nextEvent(Duration.ofSeconds(8));
                assertThat(expired.event()).isEqualTo("process.expired");
                assertThat(expired.id()).isEqualTo("2");
                assertThat(expired.json().at("/process/status").asText()).isEqualTo("expired");
                assertThat(sse.endsWithin(Duration.ofSeconds(3))).isTrue();
            }
            assertThat(socket.next("process.expired", Duration.ofSeconds(3)).get("version").asLong()).isEqualTo(2);
            assertThat(socket.closeCode(Duration.ofSeconds(3))).isEqualTo(1000);
        }
        assertThat(http.get("/process/" + id).status()).isEqualTo(404);
        assertThat(http.get("/process/" + id + "/events").status()).isEqualTo(404);
    }
}
