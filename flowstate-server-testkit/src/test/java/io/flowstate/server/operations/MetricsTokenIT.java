package io.flowstate.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.MetricsConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import org.junit.jupiter.api.Test;

/** With {@code metrics.token} set, {@code /metrics} answers only a scraper that presents it. */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = MetricsTokenIT.Protected.class)
class MetricsTokenIT {

    /** {@code metrics.token = "s3cret-scrape"}. */
    public static final class Protected implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withOperations(config.operations().withMetrics(new MetricsConfig(true, "s3cret-scrape")));
        }
    }

    @Test
    void aScrapeWithoutTheTokenIsForbiddenAndOneWithItIsServed(Http http) {
        Http.Response anonymous = http.get("/metrics");
        Http.Response wrong = http.get("/metrics", "Authorization", "Bearer s3cret-scrapf");
        Http.Response right = http.get("/metrics", "Authorization", "Bearer s3cret-scrape");

        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("forbidden");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("flowstate_sse_connections");
    }
}
