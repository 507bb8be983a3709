package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import org.junit.jupiter.api.Test;

/** Two instances on one Redis share each client's budget: what one instance let through, the other counts. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS, instances = 2,
        configure = RateLimitIT.OneWritePerSecond.class)
class SharedRateLimitIT {

    private static final String START = "{\"flow\": \"signup\"}";

    @Test
    void writesOnEitherInstanceSpendTheSameBucket(@Instance(0) ServerUnderTest a, @Instance(1) ServerUnderTest b) {
        String[] client = {"X-Forwarded-For", "203.0.113.50"};
        assertThat(a.http().post("/workflow/start", START, client).status()).isEqualTo(201);
        assertThat(b.http().post("/workflow/start", START, client).status()).isEqualTo(201);
        assertThat(a.http().post("/workflow/start", START, client).status()).isEqualTo(201);

        var refused = b.http().post("/workflow/start", START, client);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(a.http().post("/workflow/start", START, "X-Forwarded-For", "203.0.113.51").status())
                .isEqualTo(201);
    }
}
