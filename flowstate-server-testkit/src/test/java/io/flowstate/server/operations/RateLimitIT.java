package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.RateLimitConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write rate limits on one instance: a burst over the budget gets 429 {@code rate_limited} with
 * {@code Retry-After}, and another client (named by {@code X-Forwarded-For}, which counts because the test's
 * loopback address is a trusted proxy) is not affected. Reads are never limited. The bucket refills at one write a
 * second while the test runs, so the bound on what gets through allows for the seconds the burst took.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = RateLimitIT.OneWritePerSecond.class)
class RateLimitIT {

    static final int BURST = 3;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String START = "{\"flow\": \"signup\"}";

    /** One write a second, bursts of three, the loopback address a trusted proxy. */
    public static final class OneWritePerSecond implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withOperations(config.operations().withRateLimit(
                    new RateLimitConfig(1, BURST, List.of("127.0.0.1", "::1"))));
        }
    }

    @Test
    void aBurstOverTheLimitGets429WithRetryAfterWhileAnotherClientIsUnaffected(Http http) {
        String[] busy = {"X-Forwarded-For", "198.51.100.1"};
        String[] quiet = {"X-Forwarded-For", "198.51.100.2"};
        String id = http.post("/workflow/start", START, "X-Forwarded-For", "198.51.100.3").processId();
        double refusedBefore = refusals(http);
        long began = System.nanoTime();
        int accepted = 0;
        Http.Response refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            Http.Response write = i % 2 == 0 ? http.post("/workflow/start", START, busy)
                    : http.patch("/process/" + id + "/state", "{\"a\": " + i + "}", busy);
            if (write.status() == 429) {
                refused = write;
            } else {
                assertThat(write.status()).isIn(200, 201);
                accepted++;
            }
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000L + 1;

        assertThat(refused).as("a 429 within 50 writes").isNotNull();
        assertThat(accepted).isBetween(BURST, BURST + (int) seconds);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        long version = http.get("/process/" + id, busy).json().get("version").asLong();
        assertThat(http.get("/process/" + id, busy).status()).as("reads are not limited").isEqualTo(200);

        assertThat(http.post("/workflow/start", START, quiet).status()).isEqualTo(201);
        assertThat(http.post("/workflow/start", START, quiet).status()).isEqualTo(201);
        assertThat(http.get("/process/" + id).json().get("version").asLong()).isEqualTo(version);
        assertThat(refusals(http) - refusedBefore).isEqualTo(1);
    }

    @Test
    void webSocketWritesSpendTheSameBudget(ServerUnderTest server) {
        String id = server.http().post("/workflow/start", START, "X-Forwarded-For", "198.51.100.20").processId();
        try (WsClient ws = server.ws("/process/" + id + "/ws", "X-Forwarded-For", "198.51.100.21")) {
            long began = System.nanoTime();
            int acks = 0;
            JsonNode refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                ws.send("{\"type\": \"patch\", \"requestId\": \"p" + i + "\", \"patch\": {\"n\": " + i + "}}");
                JsonNode reply = ws.next(WAIT);
                while (!reply.get("type").asText().equals("ack") && !reply.get("type").asText().equals("error")) {
                    reply = ws.next(WAIT);
                }
                if (reply.get("type").asText().equals("error")) {
                    refused = reply;
                } else {
                    acks++;
                }
            }
            long seconds = (System.nanoTime() - began) / 1_000_000_000L + 1;

            assertThat(refused).as("an error frame within 50 patches").isNotNull();
            assertThat(refused.at("/problem/code").asText()).isEqualTo("rate_limited");
            assertThat(refused.at("/problem/retryAfter").asInt()).isBetween(1, 2);
            assertThat(acks).isBetween(BURST, BURST + (int) seconds);
        }
    }

    private static double refusals(Http http) {
        return PrometheusText.parse(http.get("/metrics").body()).sum("flowstate_rate_limited_total");
    }
}
