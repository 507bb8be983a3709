package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.RateLimitConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write rate limits on one instance: a burst over the budget gets 429 {@code rate_limited} with
 * {@code Retry-After}, and another client (named by {@code X-Forwarded-For}, which counts because the test's
 * loopback address is a trusted proxy) is not affected. Reads are never limited.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = RateLimitIT.OneWritePerSecond.class)
class RateLimitIT {

    /** One write a second, bursts of three, the loopback address a trusted proxy. */
    public static final class OneWritePerSecond implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withOperations(config.operations().withRateLimit(
                    new RateLimitConfig(1, 3, List.of("127.0.0.1", "::1"))));
        }
    }

    @Test
    void aBurstOverTheLimitGets429WithRetryAfterWhileAnotherClientIsUnaffected(Http http) {
        String[] busy = {"X-Forwarded-For", "198.51.100.1"};
        String[] quiet = {"X-Forwarded-For", "198.51.100.2"};
        String start = "{\"flow\": \"signup\"}";
        String id = http.post("/workflow/start", start, busy).processId();
        assertThat(http.post("/workflow/start", start, busy).status()).isEqualTo(201);
        assertThat(http.patch("/process/" + id + "/state", "{\"a\": 1}", busy).status()).isEqualTo(200);

        Http.Response refused = http.post("/process/" + id + "/step",
                "{\"input\": {\"name\": \"Ada\", \"email\": \"ada@example.org\"}}", busy);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(http.get("/process/" + id, busy).json().get("version").asInt()).isEqualTo(2);
        assertThat(http.post("/workflow/start", start, busy).status()).isEqualTo(429);

        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/workflow/start", start, quiet).status()).isEqualTo(201);
        }
        assertThat(PrometheusText.parse(http.get("/metrics").body()).sum("flowstate_rate_limited_total"))
                .isEqualTo(2);
    }
}
