package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The second example of docs/testing.md: two servers on one Redis, as behind a load balancer. */
@FlowstateServerTest(flows = "../examples/flows", store = StoreKind.REDIS, instances = 2)
class SignupAcrossInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aStepSubmittedOnOneInstanceReachesAWatcherOnTheOther(@Instance(0) ServerUnderTest a,
                                                               @Instance(1) ServerUnderTest b) {
        String id = a.http().post("/workflow/start", "{\"flow\": \"signup\"}").processId();

        try (SseClient events = a.sse("/process/" + id + "/events")) {
            assertThat(events.nextEvent(WAIT).event()).isEqualTo("process.snapshot");

            Http.Response profile = b.http().post("/process/" + id + "/step",
                    "{\"input\": {\"name\": \"Grace Hopper\", \"email\": \"grace@example.org\"}}", "If-Match", "\"1\"");
            assertThat(profile.status()).isEqualTo(200);

            SseClient.Message completed = events.nextEvent(WAIT);
            assertThat(completed.event()).isEqualTo("step.completed");
            assertThat(completed.id()).isEqualTo("2");
        }
        assertThat(a.http().get("/process/" + id).json().at("/nextStep/id").asText()).isEqualTo("address");
    }
}
