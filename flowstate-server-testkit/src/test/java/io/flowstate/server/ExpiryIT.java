package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A real two-second idle TTL, with the real clock and the sweeper running. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE)
class ExpiryIT {


    @Test
    void anIdleProcessExpiresAfterItsTtlAndThenAnswers404(Http http) {
        String id = http.post("/workflow/start", "{\"flow\": \"shortlived\"}").json().get("processId").asText();
        long started = System.nanoTime();
        assertThat(http.get("/process/" + id).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/process/" + id).status() == 404);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        Http.Response gone = http.get("/process/" + id);
        assertThat(gone.json().get("code").asText()).isEqualTo("process_not_found");
        assertThat(http.post("/process/" + id + "/step", "{\"input\": {}}").status()).isEqualTo(404);
    }
}
