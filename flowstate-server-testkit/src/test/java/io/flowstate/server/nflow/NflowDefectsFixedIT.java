package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nFlow's defects (NFLOW.md §8), each fixed, on an nFlow-format app written for these tests. */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE)
class NflowDefectsFixedIT {

    @Test
    void aTenKilobyteNestedStateCrossesAFormAndADeletedKeyStaysDeleted(ServerUnderTest server) throws IOException {
        Browser browser = new Browser(server.port());
        Browser.Page one = browser.get("/state");
        String id = one.hidden("nflow_process_id");

        Browser.Page two = browser.submit(one, Map.of("x", "1"));
        assertThat(two.body()).contains("<title>Two</title>");
        JsonNode state = server.http().get("/process/" + id).json().get("state");
        assertThat(state.get("big").asText()).hasSize(10_240);
        assertThat(state.get("nested")).isEqualTo(Json.parse("{\"a\": {\"b\": [1, {\"c\": \"d\"}]}}"));
        assertThat(state.has("secret")).isFalse();
        assertThat(state.has("break")).isFalse();

        Browser.Page done = browser.submit(two, Map.of("y", "2"));
        JsonNode result = Json.parse(done.body());
        assertThat(result.get("big").asText()).hasSize(10_240);
        assertThat(result.at("/nested/a/b/1/c").asText()).isEqualTo("d");
        assertThat(result.has("secret")).isFalse();
        assertThat(result.get("x").asText()).isEqualTo("1");
        assertThat(result.get("y").asText()).isEqualTo("2");
    }

    @Test
    void uuidGivesANewValueEachCall(ServerUnderTest server) {
        Http http = server.http();
        Browser.Page one = new Browser(server.port()).get("/state");
        JsonNode state = http.get("/process/" + one.hidden("nflow_process_id")).json().get("state");

        assertThat(state.at("/ids/0").asText()).hasSize(36).isNotEqualTo(state.at("/ids/1").asText());
    }

    @Test
    void anInnerNodeOfAnAuthFlowIsNeverReachedWithoutAProfile(ServerUnderTest server) {
        Browser browser = new Browser(server.port());

        Browser.Page start = browser.get("/secure/bob");
        Browser.Page inner = browser.get("/secure/bob/nfnext/inner");

        assertThat(start.status()).isEqualTo(307);
        assertThat(inner.status()).isEqualTo(307);
        assertThat(inner.header("Location")).isEqualTo("/nflow_login");
        assertThat(inner.body()).doesNotContain("bob");
    }

    @Test
    void anEndlessLoopFailsItsRequestWithTheNodeIdAndTheServerServesOn(ServerUnderTest server) {
        Http http = server.http();
        Browser.Page spin = new Browser(server.port()).get("/spin");

        assertThat(spin.status()).isEqualTo(500);
        assertThat(spin.body()).contains("\"code\":\"script_timeout\"").contains("\"step\":\"spin\"")
                .doesNotContain("while");
        assertThat(http.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void aContinuationWithoutAProcessIs409AndAnUnknownProcess404(ServerUnderTest server) {
        Http http = server.http();
        Browser browser = new Browser(server.port());
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("nflow_next_node_run", "drop");
        Browser.Page none = browser.post("/state", claim);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.body()).contains("\"code\":\"no_run\"");

        claim.put("nflow_process_id", "6f1c1e0e-4b7d-4c1b-9d7e-2f1f4a1b2c3d");
        Browser.Page unknown = browser.post("/state", claim);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"process_not_found\"");
    }

    @Test
    void theBrowsersCookieContinuesARunWhenThePageLostItsHiddenField(ServerUnderTest server) {
        Browser browser = new Browser(server.port());
        Browser.Page one = browser.get("/state");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nflow_next_node_run", one.hidden("nflow_next_node_run"));
        fields.put("x", "from-cookie");

        Browser.Page two = browser.post("/state/nftk/One", fields);

        assertThat(two.status()).isEqualTo(200);
        assertThat(two.body()).contains("<title>Two</title>");
        assertThat(server.http().get("/process/" + one.hidden("nflow_process_id")).json().at("/state/x").asText())
                .isEqualTo("from-cookie");
    }
}
