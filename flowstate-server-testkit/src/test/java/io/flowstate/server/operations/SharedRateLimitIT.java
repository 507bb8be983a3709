package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.RateLimitConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one Redis share each client's budget: writes that alternate between them meet the first 429
 * after about one burst, where two separate buckets would let twice the burst through.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS, instances = 2,
        configure = SharedRateLimitIT.TenAtOnce.class)
class SharedRateLimitIT {

    private static final int BURST = 10;
    private static final String START = "{\"flow\": \"signup\"}";

    /** One write a second, bursts of ten, the loopback address a trusted proxy. */
    public static final class TenAtOnce implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withOperations(config.operations().withRateLimit(
                    new RateLimitConfig(1, BURST, List.of("127.0.0.1", "::1"))));
        }
    }

    @Test
    void writesOnEitherInstanceSpendTheSameBucket(@Instance(0) ServerUnderTest a, @Instance(1) ServerUnderTest b) {
        String[] client = {"X-Forwarded-For", "203.0.113.50"};
        long began = System.nanoTime();
        int accepted = 0;
        Http.Response refused = null;
        for (int i = 0; i < 4 * BURST && refused == null; i++) {
            Http.Response write = (i % 2 == 0 ? a : b).http().post("/workflow/start", START, client);
            if (write.status() == 429) {
                refused = write;
            } else {
                assertThat(write.status()).isEqualTo(201);
                accepted++;
            }
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000L + 1;

        assertThat(refused).as("a 429 within " + 4 * BURST + " writes").isNotNull();
        assertThat(accepted).as("writes let through in %d s", seconds)
                .isBetween(BURST, Math.min(2 * BURST - 1, BURST + (int) seconds));
        assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(a.http().post("/workflow/start", START, "X-Forwarded-For", "203.0.113.51").status())
                .as("another client").isEqualTo(201);
    }
}
