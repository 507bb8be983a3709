package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code flowstate_nflow_requests_total}, {@code flowstate_nflow_request_seconds} and
 * {@code flowstate_nflow_forks_total} (NFLOW.md §6) count what nFlow apps' URLs answered, on the apps written for
 * the tests.
 */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE)
class NflowMetricsIT {

    @Test
    void requestsAreCountedByFlowModeAndOutcomeAndForksByFlow(ServerUnderTest server) {
        Browser browser = new Browser(server.port());
        Browser.Page page = browser.get("/api/form");
        browser.submit(page, Map.of("a", "1"));
        browser.get("/api/fork");
        browser.get("/spin");
        browser.post("/state", Map.of("nflow_next_node_run", "drop"));
        Http http = server.http();

        String metrics = http.get("/metrics").body();

        assertThat(metrics).contains(
                "flowstate_nflow_requests_total{flow=\"jsonapi.api.form\",mode=\"process\",outcome=\"paused\"} 2.0",
                "flowstate_nflow_requests_total{flow=\"jsonapi.api.fork\",mode=\"process\",outcome=\"completed\"} 1.0",
                "flowstate_nflow_requests_total{flow=\"defects.spin\",mode=\"process\",outcome=\"failed\"} 1.0",
                "flowstate_nflow_requests_total{flow=\"defects.state\",mode=\"process\",outcome=\"refused\"} 1.0",
                "flowstate_nflow_request_seconds_count{flow=\"jsonapi.api.form\",mode=\"process\"} 2",
                "flowstate_nflow_forks_total{flow=\"jsonapi.api.fork\"} 1.0");
    }
}
