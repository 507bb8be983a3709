package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /process/{id}/events} over real HTTP: snapshot, live events, replay, heartbeats, the end. */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = FastEvents.class)
class SseIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

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

    static void patch(String id, int n) {
        assertThat(http.patch("/process/" + id + "/state", "{\"n\": " + n + "}").status()).isEqualTo(200);
    }

    @Test
    void sendsTheSnapshotThenLiveEventsWhoseIdsAreVersions() {
        String id = start("signup");
        try (SseClient sse = server.sse("/process/" + id + "/events")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
            assertThat(sse.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");

            SseClient.Message snapshot = sse.nextEvent(WAIT);
            assertThat(snapshot.event()).isEqualTo("process.snapshot");
            assertThat(snapshot.id()).isEqualTo("1");
            assertThat(snapshot.json().get("type").asText()).isEqualTo("process.snapshot");
            assertThat(snapshot.json().get("processId").asText()).isEqualTo(id);
            assertThat(snapshot.json().at("/process/nextStep/id").asText()).isEqualTo("profile");

            http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"a@b.org\"}}");
            SseClient.Message step = sse.nextEvent(WAIT);
            assertThat(step.event()).isEqualTo("step.completed");
            assertThat(step.id()).isEqualTo("2");
            JsonNode envelope = step.json();
            assertThat(envelope.get("type").asText()).isEqualTo("step.completed");
            assertThat(envelope.get("version").asLong()).isEqualTo(2);
            assertThat(envelope.get("at").asText()).isNotBlank();
            assertThat(envelope.at("/process/status").asText()).isEqualTo("waiting");
            assertThat(envelope.at("/process/nextStep/id").asText()).isEqualTo("address");
            assertThat(envelope.at("/steps/0/step").asText()).isEqualTo("profile");
        }
    }

    @Test
    void anEventFarLargerThanTheConnectionBuffersArrivesWholeAtEveryStream() {
        String id = start("signup");
        // the test server takes bodies up to 64 KiB: past the 512-byte write buffer and 8 KiB read buffers
        String large = "x".repeat(50_000);
        try (SseClient first = server.sse("/process/" + id + "/events");
             SseClient second = server.sse("/process/" + id + "/events")) {
            assertThat(first.nextEvent(WAIT).id()).isEqualTo("1");
            assertThat(second.nextEvent(WAIT).id()).isEqualTo("1");

            assertThat(http.patch("/process/" + id + "/state", "{\"note\": \"" + large + "\"}").status())
                    .isEqualTo(200);
            patch(id, 3);

            for (SseClient sse : List.of(first, second)) {
                SseClient.Message big = sse.nextEvent(WAIT);
                assertThat(big.id()).isEqualTo("2");
                assertThat(big.json().at("/process/state/note").asText()).isEqualTo(large);
                SseClient.Message after = sse.nextEvent(WAIT);
                assertThat(after.id()).isEqualTo("3");
                assertThat(after.json().at("/process/state/n").asInt()).isEqualTo(3);
            }
        }
    }

    @Test
    void closesTheStreamAfterTheProcessCompletes() {
        String id = start("wizard");
        try (SseClient sse = server.sse("/process/" + id + "/events")) {
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo("1");
            http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
            http.post("/process/" + id + "/step", "{\"input\": {\"email\": \"a@b.org\"}}");
            http.post("/process/" + id + "/step", "{\"input\": {\"ok\": true}}");

            List<SseClient.Message> events = sse.nextEvents(3, WAIT);
            assertThat(events).extracting(SseClient.Message::event)
                    .containsExactly("step.completed", "step.completed", "process.completed");
            assertThat(events).extracting(SseClient.Message::id).containsExactly("2", "3", "4");
            assertThat(sse.endsWithin(WAIT)).as("stream ended after process.completed").isTrue();
        }
        // the other tests' streams, closed by their clients, are noticed at their next heartbeat
        await().atMost(WAIT).until(() -> server.server().openStreams() == 0);
    }

    @Test
    void answers404ProblemForAnUnknownProcessAnd400ForAMalformedId() {
        try (SseClient sse = server.sse("/process/3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21/events")) {
            assertThat(sse.status()).isEqualTo(404);
            assertThat(sse.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(http.get("/process/3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21/events").json().get("code").asText())
                .isEqualTo("process_not_found");
        assertThat(http.get("/process/nope/events").status()).isEqualTo(400);
        assertThat(http.get("/process/3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21/events", "Accept", "application/json")
                .json().get("code").asText()).isEqualTo("not_acceptable");
        String id = start("notes");
        assertThat(http.get("/process/" + id + "/events", "Last-Event-ID", "x1").json().get("code").asText())
                .isEqualTo("invalid_version");
    }

    @Test
    void replaysExactlyTheEventsAfterLastEventIdInOrderThenLiveOnes() {
        String id = start("notes");
        for (int n = 2; n <= 5; n++) {
            patch(id, n);
        }
        try (SseClient sse = server.sse("/process/" + id + "/events", "Last-Event-ID", "2")) {
            List<SseClient.Message> replayed = sse.nextEvents(3, WAIT);
            assertThat(replayed).extracting(SseClient.Message::id).containsExactly("3", "4", "5");
            assertThat(replayed).extracting(SseClient.Message::event).containsOnly("state.updated");
            assertThat(replayed.get(2).json().at("/process/state/n").asInt()).isEqualTo(5);

            patch(id, 6);
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo("6");
            patch(id, 7);
            assertThat(sse.nextEvent(WAIT).id()).as("no duplicates").isEqualTo("7");
        }
        try (SseClient sse = server.sse("/process/" + id + "/events?lastEventId=6")) {
            assertThat(sse.nextEvent(WAIT).id()).as("the query parameter works too").isEqualTo("7");
        }
    }

    @Test
    void aClientThatIsUpToDateGetsOnlyLiveEvents() {
        String id = start("notes");
        patch(id, 2);
        try (SseClient sse = server.sse("/process/" + id + "/events", "Last-Event-ID", "2")) {
            assertThat(sse.status()).isEqualTo(200);
            patch(id, 3);
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo("3");
        }
    }

    @Test
    void keepsAnIdleStreamOpenWithHeartbeatComments() {
        String id = start("notes");
        try (SseClient sse = server.sse("/process/" + id + "/events")) {
            assertThat(sse.nextEvent(WAIT).event()).isEqualTo("process.snapshot");
            SseClient.Message heartbeat = sse.next(Duration.ofSeconds(3));
            assertThat(heartbeat.isComment()).isTrue();
            assertThat(heartbeat.comment()).isEqualTo("heartbeat");
            patch(id, 2);
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo("2");
        }
    }

    @Test
    void deliversEveryVersionOnceWhileWritesRaceTheConnect() throws Exception {
        String id = start("notes");
        int writes = 60;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int n = 2; n <= writes + 1; n++) {
                    patch(id, n);
                }
            });
            List<Long> versions = new ArrayList<>();
            try (SseClient sse = server.sse("/process/" + id + "/events")) {
                SseClient.Message first = sse.nextEvent(WAIT);
                versions.add(first.version());
                while (versions.getLast() < writes + 1) {
                    versions.add(sse.nextEvent(WAIT).version());
                }
            }
            writing.get();
            for (int i = 1; i < versions.size(); i++) {
                assertThat(versions.get(i)).as("versions %s", versions).isEqualTo(versions.get(i - 1) + 1);
            }
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void endsStreamsWithProcessCancelledWhenTheProcessIsDeleted() {
        String id = start("notes");
        try (SseClient sse = server.sse("/process/" + id + "/events")) {
            sse.nextEvent(WAIT);
            assertThat(http.delete("/process/" + id).status()).isEqualTo(204);
            SseClient.Message cancelled = sse.nextEvent(WAIT);
            assertThat(cancelled.event()).isEqualTo("process.cancelled");
            assertThat(cancelled.id()).isEqualTo("2");
            assertThat(cancelled.json().at("/process/status").asText()).isEqualTo("cancelled");
            assertThat(sse.endsWithin(WAIT)).isTrue();
        }
    }

    @Test
    void answers204ToAClientThatHasSeenTheLastVersionOfAnEndedProcess() {
        String id = start("wizard");
        http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Ada\"}}");
        http.post("/process/" + id + "/step", "{\"input\": {\"email\": \"a@b.org\"}}");
        http.post("/process/" + id + "/step", "{\"input\": {\"ok\": true}}");

        try (SseClient sse = server.sse("/process/" + id + "/events", "Last-Event-ID", "4")) {
            assertThat(sse.status()).isEqualTo(204);
        }
        try (SseClient sse = server.sse("/process/" + id + "/events")) {
            SseClient.Message snapshot = sse.nextEvent(WAIT);
            assertThat(snapshot.json().at("/process/status").asText()).isEqualTo("completed");
            assertThat(sse.endsWithin(WAIT)).as("an ended process's snapshot is the last message").isTrue();
        }
    }
}
