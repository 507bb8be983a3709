package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nFlow apps in session mode ({@code nflow.mode = "session"}) on SQLite: one run per browser and flow behind
 * {@code flowstate_session}, which no page names; the tabs of a browser share it (the legacy behaviour); another
 * browser, or a forged cookie, finds nothing. The sample app's {@code /pepe11} where {@code ../shared/nflow} is present.
 */
class NflowSessionModeIT {

    static ServerUnderTest tests;
    static ServerUnderTest samples;

    @BeforeAll
    static void start() {
        tests = NflowSameResultsIT.inSessionMode(ServerSetup.of("src/test/resources/nflow").withStore(StoreKind.SQLITE))
                .start();
        if (NflowSamples.present()) {
            samples = NflowSameResultsIT.inSessionMode(NflowSamples.setup("app.json").withStore(StoreKind.SQLITE))
                    .start();
        }
    }

    @AfterAll
    static void stop() {
        tests.close();
        if (samples != null) {
            samples.close();
        }
    }

    @Test
    void pepe11RunsToTheJsonAnswerWithoutAProcessIdInAnyPage() throws IOException {
        NflowSamples.directory();
        Browser browser = new Browser(samples.port());

        assertThat(Pepe11Walk.walk(browser, request -> samples.port(), true)).isEmpty();

        Browser.Page run = browser.get("/session/app.pepe11");
        assertThat(run.status()).isEqualTo(200);
        JsonNode representation = Json.parse(run.body());
        assertThat(representation.get("processId").isNull()).isTrue();
        assertThat(representation.get("mode").asText()).isEqualTo("session");
        assertThat(representation.get("status").asText()).isEqualTo("completed");
        assertThat(representation.get("result")).isEqualTo(Json.parse(Pepe11Walk.RESULT));
        String metrics = samples.http().get("/metrics").body();
        assertThat(metrics).contains("flowstate_nflow_requests_total{flow=\"app.pepe11\",mode=\"session\",outcome=\"completed\"}")
                .contains("flowstate_nflow_requests_total{flow=\"app.pepe11\",mode=\"session\",outcome=\"paused\"}")
                .contains("flowstate_nflow_request_seconds_count{flow=\"app.pepe11\",mode=\"session\"}")
                .doesNotContain("mode=\"process\",outcome=\"paused\"");
    }

    @Test
    void twoTabsOfOneBrowserShareOneRun() throws IOException {
        Browser browser = new Browser(tests.port());
        Browser.Page tabA = browser.get("/state");
        Browser.Page tabB = tabA;

        Browser.Page twoInB = browser.submit(tabB, Map.of("x", "from B"));
        assertThat(twoInB.body()).contains("<title>Two</title>");
        Browser.Page staleA = browser.submit(tabA, Map.of("x", "from A"));

        assertThat(staleA.status()).isEqualTo(409);
        assertThat(staleA.body()).contains("<title>Two</title>");
        Browser.Page done = browser.submit(staleA, Map.of("y", "from A"));
        assertThat(done.status()).isEqualTo(200);
        JsonNode result = Json.parse(done.body());
        assertThat(result.get("x").asText()).isEqualTo("from B");
        assertThat(result.get("y").asText()).isEqualTo("from A");
    }

    @Test
    void aFreshStartReplacesTheBrowsersRun() throws IOException {
        Browser browser = new Browser(tests.port());
        Browser.Page one = browser.get("/state");
        browser.submit(one, Map.of("x", "first run"));

        Browser.Page again = browser.get("/state");
        assertThat(again.body()).contains("<title>One</title>");

        JsonNode run = Json.parse(browser.get("/session/defects.state").body());
        assertThat(run.get("version").asLong()).isEqualTo(1);
        assertThat(run.at("/state/x").isMissingNode()).isTrue();
    }

    @Test
    void aJsonStepOfASessionRunIsRefusedAndChangesNothing() throws IOException {
        Browser browser = new Browser(tests.port());
        browser.get("/state");

        Browser.Page refused = browser.postJson("/session/defects.state/step", "{\"input\": {\"x\": \"sneaked\"}}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Flowstate-Mode")).isEqualTo("session");
        assertThat(Json.parse(refused.body()).get("code").asText()).isEqualTo("step_not_supported");
        JsonNode run = Json.parse(browser.get("/session/defects.state").body());
        assertThat(run.get("version").asLong()).isEqualTo(1);
        assertThat(run.at("/state/x").isMissingNode()).isTrue();
    }

    @Test
    void aMigratedRunSendsItsPagesToTheProcessItBecame() throws IOException {
        Browser browser = new Browser(tests.port());
        Browser.Page one = browser.get("/state");
        Browser.Page migrated = browser.post("/session/defects.state/migrate", Map.of());
        assertThat(migrated.status()).as(migrated.body()).isEqualTo(201);
        String processId = Json.parse(migrated.body()).get("processId").asText();

        Browser.Page stale = browser.submit(one, Map.of("x", "after the move"));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("\"code\":\"session_migrated\"").contains(processId);
        assertThat(stale.header("Location")).isEqualTo("/process/" + processId);
        JsonNode process = Json.parse(browser.get("/process/" + processId).body());
        assertThat(process.get("status").asText()).isEqualTo("waiting");
        assertThat(process.at("/nextStep/id").asText()).isEqualTo("form1");
    }

    @Test
    void anotherBrowsersCookieSeesNothing() {
        Browser owner = new Browser(tests.port());
        Browser.Page one = owner.get("/state");
        Browser other = new Browser(tests.port());

        Browser.Page continued = other.submit(one, Map.of("x", "not mine"));

        assertThat(continued.status()).isEqualTo(409);
        assertThat(continued.body()).contains("\"code\":\"no_run\"");
        assertThat(other.get("/session/defects.state").status()).isEqualTo(404);
        assertThat(other.cookie("flowstate_session")).isNotEmpty().isNotEqualTo(owner.cookie("flowstate_session"));
        assertThat(owner.submit(one, Map.of("x", "mine")).body()).contains("<title>Two</title>");
    }

    @Test
    void aForgedSessionCookieGetsAFreshSessionAndNeverAnothersRun() {
        Browser owner = new Browser(tests.port());
        Browser.Page one = owner.get("/state");
        String real = owner.cookie("flowstate_session");
        String[] parts = real.split("\\.");
        String[] forgeries = {
            "A".repeat(43) + "." + parts[1] + "." + parts[2],
            parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2],
            parts[0] + "." + parts[1] + "." + "B".repeat(parts[2].length()),
            parts[0]};
        for (String forged : forgeries) {
            Browser forger = new Browser(tests.port());
            forger.setCookie("flowstate_session", forged);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("nflow_next_node_run", "drop");
            fields.put("x", "forged");

            Browser.Page answer = forger.post("/state/nftk/One", fields);

            assertThat(answer.status()).as(forged).isEqualTo(409);
            assertThat(answer.body()).as(forged).contains("\"code\":\"no_run\"");
            assertThat(answer.response().headers().allValues("Set-Cookie")).as(forged)
                    .filteredOn(cookie -> cookie.startsWith("flowstate_session=")).singleElement().asString()
                    .doesNotStartWith("flowstate_session=" + parts[0]).doesNotContain(forged + ";");
        }
        assertThat(owner.submit(one, Map.of("x", "still mine")).body()).contains("<title>Two</title>");
    }
}
