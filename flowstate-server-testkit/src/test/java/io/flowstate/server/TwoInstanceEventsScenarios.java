package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live events across two instances (DESIGN §4, issue 4 acceptance): two servers, each with its own connection
 * to one shared store, never one store object shared in memory. A subclass starts them with
 * {@code @FlowstateServerTest(instances = 2)} and names the store: {@link RedisTwoInstanceEventsIT} runs them on
 * a private redis-server.
 */
abstract class TwoInstanceEventsScenarios {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Round trips the shared store has served so far for one process (a Lua script is one). */
    abstract long storeRoundTrips(String processId);

    ServerUnderTest a;
    ServerUnderTest b;
    Http httpA;
    Http httpB;

    @BeforeEach
    void twoInstances(@Instance(0) ServerUnderTest first, @Instance(1) ServerUnderTest second) {
        a = first;
        b = second;
        httpA = first.http();
        httpB = second.http();
    }

    String start(Http http, String flow) {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"" + flow + "\"}");
        assertThat(started.status()).isEqualTo(201);
        return started.json().get("processId").asText();
    }

    @Test
    void aSubscriberOnOneInstanceReceivesAStepSubmittedOnTheOtherWithinOneSecond() {
        String id = start(httpB, "wizard");
        try (SseClient onA = a.sse("/process/" + id + "/events")) {
            assertThat(onA.nextEvent(WAIT).id()).isEqualTo("1");

            long submitted = System.nanoTime();
            Http.Response step = httpB.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
            SseClient.Message event = onA.nextEvent(WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isLessThan(ONE_SECOND);
            assertThat(event.event()).isEqualTo("step.completed");
            assertThat(event.id()).isEqualTo(step.json().get("version").asText()).isEqualTo("2");
            assertThat(event.json().at("/process/status").asText()).isEqualTo("waiting");
        }
    }

    @Test
    void reconnectingToTheOtherInstanceWithLastEventIdReplaysExactlyTheMissedEvents() {
        String id = start(httpA, "notes");
        for (int n = 2; n <= 5; n++) {
            httpA.patch("/process/" + id + "/state", "{\"n\": " + n + "}");
        }
        try (SseClient onB = b.sse("/process/" + id + "/events", "Last-Event-ID", "2")) {
            assertThat(onB.nextEvents(3, WAIT)).extracting(SseClient.Message::id).containsExactly("3", "4", "5");
            httpA.patch("/process/" + id + "/state", "{\"n\": 6}");
            assertThat(onB.nextEvent(WAIT).id()).isEqualTo("6");
        }
    }

    @Test
    void aWebSocketClientOnOneInstanceSeesCommitsMadeOnTheOther() {
        String id = start(httpA, "wizard");
        try (WsClient onB = b.ws("/process/" + id + "/ws")) {
            assertThat(onB.next(WAIT).get("version").asLong()).isEqualTo(1);
            httpA.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
            JsonNode event = onB.next(WAIT);
            assertThat(event.get("type").asText()).isEqualTo("step.completed");
            assertThat(event.get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void minVersionGivesReadYourWritesAcrossInstances() {
        String id = start(httpA, "cached");
        assertThat(httpA.get("/process/" + id).json().get("version").asLong()).isEqualTo(1); // cached on A
        Http.Response written = httpB.post("/process/" + id + "/step", "{\"input\": {\"mine\": true}}");

        Http.Response read = httpA.get("/process/" + id + "?minVersion=" + written.json().get("version").asLong());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(2);
        assertThat(read.json().at("/state/mine").asBoolean()).isTrue();
    }

    @Test
    void aCachedHybridReadCostsNoStoreRoundTripAndAStepOne() {
        String id = start(httpA, "cached");
        httpA.get("/process/" + id);
        long before = storeRoundTrips(id);

        httpA.get("/process/" + id);
        long afterRead = storeRoundTrips(id);
        httpA.post("/process/" + id + "/step", "{\"input\": {}}", "If-Match", "\"1\"");
        long afterStep = storeRoundTrips(id);

        assertThat(afterRead - before).as("round trips for a cached read").isZero();
        assertThat(afterStep - afterRead).as("round trips for a step with a current cache").isEqualTo(1);
    }

    @Test
    void anExpiringProcessSendsProcessExpiredOnceToSubscribersOnBothInstances() {
        String id = start(httpA, "shortlived");
        try (SseClient onA = a.sse("/process/" + id + "/events");
             SseClient onB = b.sse("/process/" + id + "/events")) {
            for (SseClient sse : List.of(onA, onB)) {
                assertThat(sse.nextEvent(WAIT).id()).isEqualTo("1");
            }
            for (SseClient sse : List.of(onA, onB)) {
                SseClient.Message expired = sse.nextEvent(Duration.ofSeconds(8));
                assertThat(expired.event()).isEqualTo("process.expired");
                assertThat(expired.id()).isEqualTo("2");
                assertThat(sse.endsWithin(Duration.ofSeconds(3))).as("once, then the end").isTrue();
            }
        }
    }
}
